
namespace CourseBot.Bot.Tests.Running;

/// <summary>The real course files in shared/course beside the repository.</summary>
internal static class SharedCourseFiles
{
    private static readonly string Folder = Locate();

    public static string File(string name) => Path.Combine(Folder, name);

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "course");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("shared/course was not found beside the repository");
    }
}
