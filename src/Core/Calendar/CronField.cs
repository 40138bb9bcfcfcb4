using Quartz;

namespace CourseBot.Core.Calendar;

/// <summary>
/// Finds which field of a cron expression Quartz refuses and says what that field accepts, so the
/// course file's author reads about their value rather than about Quartz's .NET API.
/// </summary>
internal static class CronField
{
    public const string Order = "seconds minutes hours day-of-month month day-of-week [year]";

    private static readonly string[] Names = ["seconds", "minutes", "hours", "day-of-month", "month", "day-of-week", "year"];

    private static readonly string[] Accepts =
    [
        "is not a second (0–59)",
        "is not a minute (0–59)",
        "is not an hour (0–23)",
        "is not a day of the month (1–31, L, W or ?)",
        "is not a month (1–12 or JAN–DEC)",
        "is not a day (MON–SUN or 1–7, with 1 = Sunday; MON#1–MON#5 for the nth in the month)",
        "is not a year (1970–2126)",
    ];

    /// <summary>
    /// Tries each field alone inside an expression that is otherwise known good (Mondays 09:00);
    /// the first one Quartz refuses there is the one to name. Lists, ranges and steps (1-5, */15,
    /// MON,WED) are accepted within a field, so the ranges above describe the individual values.
    /// </summary>
    public static string Explain(string[] fields)
    {
        for (var i = 0; i < fields.Length; i++)
        {
            string[] probe = ["0", "0", "9", "?", "*", "MON", "*"];
            probe[i] = fields[i];
            if (i == 3 && fields[i] == "?")
            {
                probe[5] = "MON";
            }
            else if (i == 5)
            {
                probe[3] = fields[i] == "?" ? "*" : "?";
            }

            if (!Parses(string.Join(' ', probe)))
            {
                return $"field '{Names[i]}' value '{fields[i]}' {Accepts[i]}";
            }
        }

        return "its fields are each valid but do not combine (? goes in day-of-month or day-of-week, not both)";
    }

    private static bool Parses(string expression)
    {
        try
        {
            _ = new CronExpression(expression);
            return true;
        }
        catch (FormatException)
        {
            // The refusal is what Explain looks for; its message is Quartz's and is not shown.
            return false;
        }
    }
}
