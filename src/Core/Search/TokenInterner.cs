namespace CourseBot.Core.Search;

/// <summary>
/// Folds and splits text like <see cref="TextFolding"/>, but hands out one shared string per distinct
/// token: building the index of a large list then allocates per distinct word, not per occurrence.
/// </summary>
internal sealed class TokenInterner
{
    private readonly Dictionary<string, string> _pool = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private char[] _buffer = new char[256];

    public TokenInterner() => _lookup = _pool.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Adds the folded tokens of <paramref name="text"/> to <paramref name="into"/>.</summary>
    public void Tokenize(string? text, List<string> into)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        for (var i = 0; i < text.Length;)
        {
            if (!char.IsLetterOrDigit(text[i]))
            {
                i++;
                continue;
            }

            var length = 0;
            for (; i < text.Length && char.IsLetterOrDigit(text[i]); i++)
            {
                Append(ref length, TextFolding.Fold(text[i]));
            }

            into.Add(Intern(_buffer.AsSpan(0, length)));
        }
    }

    /// <summary>The folded letters and digits of <paramref name="text"/> run together ("WLB-LLM" → "wlbllm").</summary>
    public string Joined(string? text)
    {
        var length = 0;
        foreach (var c in text ?? "")
        {
            if (char.IsLetterOrDigit(c))
            {
                Append(ref length, TextFolding.Fold(c));
            }
        }

        return Intern(_buffer.AsSpan(0, length));
    }

    /// <summary>The given tokens run together, interned.</summary>
    public string Concat(List<string> tokens, int start, int count)
    {
        var length = 0;
        for (var t = start; t < start + count; t++)
        {
            foreach (var c in tokens[t])
            {
                Append(ref length, c);
            }
        }

        return Intern(_buffer.AsSpan(0, length));
    }

    private void Append(ref int length, char c)
    {
        if (length == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        _buffer[length++] = c;
    }

    private string Intern(ReadOnlySpan<char> token)
    {
        if (_lookup.TryGetValue(token, out var shared))
        {
            return shared;
        }

        var created = token.ToString();
        _pool[created] = created;
        return created;
    }
}
