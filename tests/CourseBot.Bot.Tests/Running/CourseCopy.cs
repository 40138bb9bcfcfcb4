using CourseBot.Bot.Tests.Cli;

namespace CourseBot.Bot.Tests.Running;

/// <summary>The sample course copied into a test folder, with its course file edited.</summary>
internal static class CourseCopy
{
    public static string Create(string parent, Func<string, string> editCourseFile)
    {
        var folder = Path.Combine(parent, "config");
        foreach (var file in Directory.GetFiles(CliRun.SampleConfig, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(folder, Path.GetRelativePath(CliRun.SampleConfig, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        var course = Path.Combine(folder, "cs395t.yaml");
        File.WriteAllText(course, editCourseFile(File.ReadAllText(course)));
        return folder;
    }
}
