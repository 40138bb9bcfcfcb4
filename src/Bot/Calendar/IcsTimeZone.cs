namespace CourseBot.Bot.Calendar;

/// <summary>
/// The VTIMEZONE of the course's zone for the years a feed covers: one STANDARD or DAYLIGHT observance per
/// offset change, each with its own DTSTART (no RRULE), plus the observance in force before the first change.
/// </summary>
/// <remarks>
/// The changes are found by asking the <see cref="TimeZoneInfo"/> for its offset (which applies its adjustment
/// rules) rather than by translating the rules themselves: on Linux .NET builds those rules from tzdata as
/// one fixed-date rule per year with base-offset deltas, which do not map cleanly to an RRULE. Asking the
/// zone is what the calendar does for every class time, so the VTIMEZONE agrees with the events by construction.
/// </remarks>
internal static class IcsTimeZone
{
    /// <summary>One offset change: the instant, and the offsets before and after it.</summary>
    internal readonly record struct Change(DateTimeOffset At, TimeSpan From, TimeSpan To, bool ToDaylight);

    public static void Write(IcsWriter ics, TimeZoneInfo zone, DateTimeOffset first, DateTimeOffset last)
    {
        var changes = Changes(zone, first, last);
        ics.Begin("VTIMEZONE");
        ics.Value("TZID", zone.Id);
        if (changes.Count == 0)
        {
            // A zone without changes in these years: one observance from long before the term.
            var offset = zone.GetUtcOffset(first);
            Observance(ics, "STANDARD", new DateTime(1970, 1, 1), offset, offset);
        }

        foreach (var change in changes)
        {
            // An observance's DTSTART is the local time of the change in the offset that was in force before it.
            Observance(ics, change.ToDaylight ? "DAYLIGHT" : "STANDARD", change.At.ToOffset(change.From).DateTime, change.From, change.To);
        }

        ics.End("VTIMEZONE");
    }

    /// <summary>
    /// The offset changes from the last one before <paramref name="first"/> (the observance the first event
    /// falls in) to the last one before <paramref name="last"/>, whole years around them scanned.
    /// </summary>
    internal static IReadOnlyList<Change> Changes(TimeZoneInfo zone, DateTimeOffset first, DateTimeOffset last)
    {
        // A year back from the first event finds the change it falls after, even for a zone with one change a year.
        var from = new DateTimeOffset(first.UtcDateTime.Year - 1, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var to = last.UtcDateTime.AddDays(1);
        var changes = new List<Change>();
        var previous = zone.GetUtcOffset(from);
        for (var day = from; day < to; day = day.AddDays(1))
        {
            var next = day.AddDays(1);
            var offset = zone.GetUtcOffset(next);
            if (offset == previous)
            {
                continue;
            }

            var at = FirstWith(zone, day, next, offset);
            changes.Add(new Change(at, previous, offset, zone.IsDaylightSavingTime(at)));
            previous = offset;
        }

        // Keep the last change at or before the first event and every later one.
        var start = changes.FindLastIndex(c => c.At <= first);
        return start <= 0 ? changes : changes[start..];
    }

    /// <summary>The first minute in (<paramref name="before"/>, <paramref name="after"/>] whose offset is <paramref name="offset"/>.</summary>
    private static DateTimeOffset FirstWith(TimeZoneInfo zone, DateTimeOffset before, DateTimeOffset after, TimeSpan offset)
    {
        // Bisection over whole minutes: offsets change on the minute.
        var low = before;
        var high = after;
        while (high - low > TimeSpan.FromMinutes(1))
        {
            var middle = low + TimeSpan.FromMinutes(Math.Floor((high - low).TotalMinutes / 2));
            if (zone.GetUtcOffset(middle) == offset)
            {
                high = middle;
            }
            else
            {
                low = middle;
            }
        }

        return high;
    }

    private static void Observance(IcsWriter ics, string kind, DateTime start, TimeSpan from, TimeSpan to)
    {
        ics.Begin(kind);
        ics.Value("DTSTART", IcsWriter.LocalTime(start));
        ics.Value("TZOFFSETFROM", IcsWriter.Offset(from));
        ics.Value("TZOFFSETTO", IcsWriter.Offset(to));
        ics.End(kind);
    }
}
