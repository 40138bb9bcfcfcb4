using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace CourseBot.Core.ReadingList;

/// <summary>
/// Passes YAML events through and stops at the first collection nested deeper than <see cref="MaxDepth"/>,
/// with a <see cref="YamlException"/> at its place. Why: building nodes for 100,000 nested <c>[</c>
/// overflows the stack (a crash no handler catches), and skipping them costs quadratic time in the
/// scanner; the parser reads lazily, so stopping here never looks at the rest of the file.
/// </summary>
internal sealed class DepthLimitedParser(IParser inner) : IParser
{
    /// <summary>Real course and papers files nest three or four levels; this leaves ample room.</summary>
    public const int MaxDepth = 64;

    private int _depth;

    public ParsingEvent? Current => inner.Current;

    public bool MoveNext()
    {
        if (!inner.MoveNext())
        {
            return false;
        }

        switch (inner.Current)
        {
            case MappingStart or SequenceStart:
                if (++_depth > MaxDepth)
                {
                    throw new YamlException(inner.Current.Start, inner.Current.End, $"the YAML is nested more than {MaxDepth} levels deep here");
                }

                break;
            case MappingEnd or SequenceEnd:
                _depth--;
                break;
        }

        return true;
    }

    public static IParser Over(string text) => new DepthLimitedParser(new Parser(new StringReader(text)));
}
