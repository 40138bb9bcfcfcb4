using CourseBot.Bot.Cli;

return await CourseBotCommandLine.InvokeAsync(args);
