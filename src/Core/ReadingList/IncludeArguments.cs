using System.Text.RegularExpressions;

namespace CourseBot.Core.ReadingList;

/// <summary>
/// Parses the <c>name=value</c> arguments of a Jekyll include the way Jekyll 4.3 does: names are
/// <c>[\w-]+</c>; values are double- or single-quoted strings (only <c>\"</c> resp. <c>\'</c> unescaped)
/// or bare <c>[\w.-]+</c> words that Liquid evaluates; whitespace (newlines too) is free; the last
/// repeated name wins. Markup that is not a sequence of such pairs fails the site's build.
/// </summary>
internal static partial class IncludeArguments
{
    public static Dictionary<string, LiquidValue> Parse(string markup, int baseOffset, Action<int, string, string> syntaxError)
    {
        var result = new Dictionary<string, LiquidValue>(StringComparer.Ordinal);
        var i = 0;
        while (true)
        {
            i = SkipSpace(markup, i);
            if (i >= markup.Length)
            {
                return result;
            }

            var nameStart = i;
            while (i < markup.Length && IsNameChar(markup[i]))
            {
                i++;
            }

            var name = markup[nameStart..i];
            var afterName = SkipSpace(markup, i);
            if (name.Length == 0 || afterName >= markup.Length || markup[afterName] != '=')
            {
                var word = Excerpt.Token(Word(markup, nameStart));
                syntaxError(baseOffset + nameStart, $"stray \"{word}\" in the include: the site's build fails on it", "every argument must be name=value; quote values that contain spaces, e.g. required=\"Context Parallelism\"");
                return result;
            }

            i = SkipSpace(markup, afterName + 1);
            if (i >= markup.Length)
            {
                syntaxError(baseOffset + afterName, $"argument {Excerpt.Token(name)} has no value: the site's build fails on it", $"write {Excerpt.Token(name)}=\"...\"");
                return result;
            }

            var valueStart = i;
            LiquidValue value;
            if (markup[i] is '"' or '\'')
            {
                var quote = markup[i];
                var close = ClosingQuote(markup, i + 1, quote);
                if (close < 0)
                {
                    syntaxError(baseOffset + i, $"the value of {Excerpt.Token(name)} has no closing {quote}: the site's build fails on it", $"close the quote: {Excerpt.Token(name)}={quote}...{quote}");
                    return result;
                }

                var raw = markup[(i + 1)..close];
                value = new LiquidValue(LiquidValueKind.String, raw.Replace("\\" + quote, quote.ToString(), StringComparison.Ordinal), baseOffset + valueStart);
                i = close + 1;
            }
            else
            {
                while (i < markup.Length && IsBareChar(markup[i]))
                {
                    i++;
                }

                var word = markup[valueStart..i];
                if (word.Length == 0)
                {
                    syntaxError(baseOffset + valueStart, $"the value of {Excerpt.Token(name)} is not valid Liquid: the site's build fails on it", $"quote it: {Excerpt.Token(name)}=\"{Excerpt.Token(Word(markup, valueStart))}\"");
                    return result;
                }

                value = Evaluate(word, baseOffset + valueStart);
            }

            // Jekyll demands whitespace (or the end) after each value.
            if (i < markup.Length && !char.IsWhiteSpace(markup[i]))
            {
                var whole = Excerpt.Token(Word(markup, valueStart));
                syntaxError(baseOffset + i, $"the value of {Excerpt.Token(name)} continues with \"{markup[i]}\", which unquoted Liquid does not allow: the site's build fails on it", $"quote the whole value: {Excerpt.Token(name)}=\"{whole.Trim('"', '\'')}\"");
                result[name] = value;
                return result;
            }

            result[name] = value;
        }
    }

    private static LiquidValue Evaluate(string word, int offset) => word switch
    {
        "true" or "false" => new LiquidValue(LiquidValueKind.Boolean, word, offset),
        _ when NumberPattern().IsMatch(word) => new LiquidValue(LiquidValueKind.Number, word, offset),
        _ => new LiquidValue(LiquidValueKind.Variable, word, offset),
    };

    private static int ClosingQuote(string markup, int start, char quote)
    {
        for (var i = start; i < markup.Length; i++)
        {
            if (markup[i] == '\\')
            {
                i++;
            }
            else if (markup[i] == quote)
            {
                return i;
            }
        }

        return -1;
    }

    private static string Word(string markup, int start)
    {
        var end = start;
        while (end < markup.Length && !char.IsWhiteSpace(markup[end]))
        {
            end++;
        }

        return end == start && start < markup.Length ? markup[start].ToString() : markup[start..end];
    }

    private static int SkipSpace(string s, int i)
    {
        while (i < s.Length && char.IsWhiteSpace(s[i]))
        {
            i++;
        }

        return i;
    }

    private static bool IsNameChar(char c) => char.IsLetterOrDigit(c) || c is '_' or '-';

    private static bool IsBareChar(char c) => char.IsLetterOrDigit(c) || c is '_' or '-' or '.';

    [GeneratedRegex(@"^-?\d+(\.\d+)?$")]
    private static partial Regex NumberPattern();
}
