using CourseBot.Bot.Cli;

return await CourseBotCommandLine.Create().Parse(args).InvokeAsync();
