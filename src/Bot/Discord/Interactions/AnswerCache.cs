using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using CourseBot.Core;
using CourseBot.Core.Commands;

namespace CourseBot.Bot.Discord.Interactions;

/// <summary>
/// Rendered initial responses for answers that depend only on the course version (week 3's papers, a
/// paper lookup), so the twentieth student asking before class gets the same bytes without rendering
/// again. Entries live as long as their course version: a reload starts afresh.
/// </summary>
public sealed class AnswerCache
{
    /// <summary>Free-text lookups vary without end; past this many per version, answers are not kept.</summary>
    public const int MaxPerVersion = 1024;

    private readonly ConditionalWeakTable<CourseSnapshot, ConcurrentDictionary<(CourseCommand Command, bool Private), byte[]>> _versions = new();

    public bool TryGet(CourseSnapshot version, CourseCommand command, bool isPrivate, out byte[] response)
    {
        response = [];
        return _versions.TryGetValue(version, out var answers) && answers.TryGetValue((command, isPrivate), out response!);
    }

    public void Add(CourseSnapshot version, CourseCommand command, bool isPrivate, byte[] response)
    {
        var answers = _versions.GetValue(version, static _ => new());
        if (answers.Count < MaxPerVersion)
        {
            answers.TryAdd((command, isPrivate), response);
        }
    }
}
