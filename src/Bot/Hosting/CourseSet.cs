using CourseBot.Core;
using CourseBot.Core.ReadingList;

namespace CourseBot.Bot.Hosting;

/// <summary>The courses of one deployment and every problem found while loading them.</summary>
public sealed record CourseSet(IReadOnlyList<CourseSnapshot> Courses, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.Severity == Severity.Error);

    /// <summary>The course with this id, or the only course when no id is given.</summary>
    public CourseSnapshot? Find(string? id, out string? problem)
    {
        problem = null;
        if (id is null)
        {
            if (Courses.Count == 1)
            {
                return Courses[0];
            }

            problem = Courses.Count == 0
                ? "no course could be loaded"
                : $"there are {Courses.Count} courses; choose one with --course ({string.Join(", ", Courses.Select(c => c.Course.Id))})";
            return null;
        }

        var course = Courses.FirstOrDefault(c => string.Equals(c.Course.Id, id, StringComparison.OrdinalIgnoreCase));
        if (course is null)
        {
            problem = $"there is no course \"{id}\"; the courses are: {string.Join(", ", Courses.Select(c => c.Course.Id))}";
        }

        return course;
    }
}
