namespace CourseBot.Core.Tests;

/// <summary>Finds the real course files in <c>shared/course</c> beside the repository (or any parent folder).</summary>
internal static class SharedCourse
{
    public static string Directory { get; } = Locate();

    public static string History => Path.Combine(Directory, "history");

    public static string File(string name) => Path.Combine(Directory, name);

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "course");
            if (System.IO.Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            "The real course files were not found: expected a folder shared/course beside the repository (../shared/course from the repo root).");
    }
}
