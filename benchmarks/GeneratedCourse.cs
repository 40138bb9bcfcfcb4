using System.Text;

namespace CourseBot.Benchmarks;

/// <summary>A synthetic course of many papers, written in the same formats as the real one.</summary>
public static class GeneratedCourse
{
    private static readonly string[] Words =
    [
        "efficient", "scalable", "serving", "training", "inference", "memory", "attention", "cache", "parallelism",
        "distributed", "language", "models", "experts", "retrieval", "agents", "scheduling", "compiler", "kernel",
        "pipeline", "sparse", "quantization", "network", "storage", "reinforcement", "diffusion", "video", "graph",
    ];

    private static readonly string[] Venues = ["OSDI", "SOSP", "NSDI", "ASPLOS", "EuroSys", "MLSys", "ATC", "ISCA"];

    public static (string ReadingList, string Papers) Create(int papers, int topics)
    {
        var yaml = new StringBuilder(papers * 320);
        var page = new StringBuilder(papers * 80);
        page.Append("---\nlayout: page\npermalink: /reading-list/\ntitle: \"\"\n---\n\n");
        var perTopic = papers / topics;
        for (var t = 0; t < topics; t++)
        {
            if (t % 10 == 0)
            {
                page.Append("## Part ").Append(t / 10 + 1).Append(" - Generated part ").Append(t / 10 + 1).Append('\n');
            }

            page.Append("#### Topic ").Append(t).Append(' ').Append(Words[t % Words.Length]).Append("\n<ul>\n");
            for (var i = 0; i < perTopic; i++)
            {
                var n = t * perTopic + i;
                var key = $"sys{n}-{Venues[n % Venues.Length].ToLowerInvariant()}{20 + n % 6}";
                var required = i % 4 == 0 ? $" required=\"Focus {i / 4}\"" : "";
                page.Append("  {% include paper_item.html key=\"").Append(key).Append('"').Append(required).Append(" %}\n");
                yaml.Append(key).Append(":\n")
                    .Append("  title: \"Sys").Append(n).Append(": ")
                    .Append(Words[n % Words.Length]).Append(' ').Append(Words[(n / 3) % Words.Length]).Append(' ')
                    .Append(Words[(n / 7) % Words.Length]).Append(" for ").Append(Words[(n / 11) % Words.Length]).Append("\"\n")
                    .Append("  authors: \"Author").Append(n).Append(" Smith, Coauthor").Append(n % 97).Append(" Jones, and Third").Append(n % 13).Append(" Lee\"\n")
                    .Append("  booktitle: \"").Append(Venues[n % Venues.Length]).Append(' ').Append(20 + n % 6).Append("\"\n")
                    .Append("  url: \"https://example.org/papers/").Append(n).Append(".pdf\"\n\n");
            }

            page.Append("</ul>\n\n");
        }

        return (page.ToString(), yaml.ToString());
    }
}
