using CourseBot.Core.ReadingList;

namespace CourseBot.Core.Replies;

/// <summary>What to call a paper in one line of text, e.g. "HybridFlow" or "Stage Fusion".</summary>
public static class PaperNames
{
    /// <summary>Titles up to this many characters are short enough to show whole.</summary>
    private const int Short = 32;

    private static readonly string[] NameAfter = [" with ", " using ", " Using "];
    private static readonly string[] Cuts = [" for ", " in ", " with ", " on ", " at "];

    /// <summary>
    /// A paper's short name: the system name before a title's colon ("AReaL: A Large-Scale …" → "AReaL");
    /// a short title whole; the name a long title ends on ("… with PagedAttention", "… (FunSearch)");
    /// else the title up to its first joining word ("RDMA over Ethernet for …" → "RDMA over Ethernet"),
    /// and failing all that its first words and "…". A paper without a title goes by its key.
    /// </summary>
    public static string ShortName(Paper paper)
    {
        var title = paper.Title?.Trim();
        if (string.IsNullOrEmpty(title))
        {
            return paper.Key.Length > 0 ? paper.Key : "(untitled entry)";
        }

        var colon = title.IndexOf(": ", StringComparison.Ordinal);
        var head = colon > 0 ? title[..colon] : title;
        if (head.Length <= Short)
        {
            return head;
        }

        if (colon < 0 && EndName(title) is { } name)
        {
            return name;
        }

        var cut = Cuts.Select(c => head.IndexOf(c, StringComparison.Ordinal)).Where(i => i > 0).DefaultIfEmpty(-1).Min();
        if (cut > 0 && cut <= Short + 8)
        {
            return head[..cut];
        }

        var words = head.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var shown = words[0];
        foreach (var word in words.Skip(1))
        {
            if (shown.Length + 1 + word.Length > Short)
            {
                break;
            }

            shown += " " + word;
        }

        return shown + "…";
    }

    /// <summary>"… with Stage Fusion" → "Stage Fusion"; "… (FunSearch)" → "FunSearch": up to three capitalized words.</summary>
    private static string? EndName(string title)
    {
        if (title.EndsWith(')') && title.LastIndexOf('(') is var open and > 0 && title.Length - open - 2 is > 0 and <= Short)
        {
            return title[(open + 1)..^1];
        }

        foreach (var joint in NameAfter)
        {
            var at = title.LastIndexOf(joint, StringComparison.Ordinal);
            if (at <= 0)
            {
                continue;
            }

            var name = title[(at + joint.Length)..];
            var words = name.Split(' ');
            if (words.Length <= 3 && words.All(w => w.Length > 0 && (char.IsUpper(w[0]) || char.IsDigit(w[0]))))
            {
                return name;
            }
        }

        return null;
    }
}
