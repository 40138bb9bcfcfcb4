namespace CourseBot.Core.Questions;

/// <summary>
/// Splits a question into lower-case words the way students write them: contractions opened
/// ("what's" → "what is", "don't" → "do not"), chat spellings and common typos of the words the
/// reader looks for mapped to one spelling ("tmrw" → "tomorrow", "reqd" → "required"), and
/// "week5" split into "week 5". Paper names are left as typed: the paper search handles their typos.
/// </summary>
internal static class QuestionWords
{
    private static readonly Dictionary<string, string[]> Spellings = new(StringComparer.Ordinal)
    {
        ["whats"] = ["what", "is"], ["wats"] = ["what", "is"], ["wat"] = ["what"], ["wut"] = ["what"], ["wht"] = ["what"],
        ["whens"] = ["when", "is"], ["wen"] = ["when"], ["wheres"] = ["where", "is"], ["whos"] = ["who", "is"], ["hows"] = ["how", "is"],
        ["whch"] = ["which"], ["wich"] = ["which"], ["whihc"] = ["which"], ["whcih"] = ["which"],
        ["dont"] = ["do", "not"], ["doesnt"] = ["does", "not"], ["isnt"] = ["is", "not"], ["arent"] = ["are", "not"], ["cant"] = ["can", "not"],
        ["wont"] = ["will", "not"], ["didnt"] = ["did", "not"], ["im"] = ["i", "am"], ["theres"] = ["there", "is"], ["ive"] = ["i", "have"],
        ["u"] = ["you"], ["r"] = ["are"], ["ur"] = ["your"], ["da"] = ["the"], ["teh"] = ["the"], ["hte"] = ["the"], ["n"] = ["and"],
        ["gotta"] = ["have", "to"], ["hafta"] = ["have", "to"], ["wanna"] = ["want", "to"], ["gonna"] = ["going", "to"],
        ["tmrw"] = ["tomorrow"], ["tmr"] = ["tomorrow"], ["tmrow"] = ["tomorrow"], ["tomorow"] = ["tomorrow"], ["tommorow"] = ["tomorrow"],
        ["tommorrow"] = ["tomorrow"], ["tomorrw"] = ["tomorrow"], ["2morrow"] = ["tomorrow"], ["2moro"] = ["tomorrow"], ["tmw"] = ["tomorrow"],
        ["tonight"] = ["today"], ["tdy"] = ["today"], ["2day"] = ["today"], ["todays"] = ["today"], ["tomorrows"] = ["tomorrow"],
        ["mon"] = ["monday"], ["tue"] = ["tuesday"], ["tues"] = ["tuesday"], ["tuesdays"] = ["tuesday"], ["tuseday"] = ["tuesday"], ["teusday"] = ["tuesday"],
        ["wed"] = ["wednesday"], ["weds"] = ["wednesday"], ["wednesdays"] = ["wednesday"], ["wensday"] = ["wednesday"], ["wendesday"] = ["wednesday"],
        ["thu"] = ["thursday"], ["thur"] = ["thursday"], ["thurs"] = ["thursday"], ["thursdays"] = ["thursday"], ["thrusday"] = ["thursday"], ["thursay"] = ["thursday"],
        ["fri"] = ["friday"], ["sat"] = ["saturday"], ["sun"] = ["sunday"], ["mondays"] = ["monday"], ["fridays"] = ["friday"],
        ["jan"] = ["january"], ["feb"] = ["february"], ["mar"] = ["march"], ["apr"] = ["april"], ["jun"] = ["june"], ["jul"] = ["july"],
        ["aug"] = ["august"], ["sep"] = ["september"], ["sept"] = ["september"], ["oct"] = ["october"], ["nov"] = ["november"], ["dec"] = ["december"],
        ["wk"] = ["week"], ["wks"] = ["week"], ["weeks"] = ["week"], ["weeek"] = ["week"], ["wek"] = ["week"], ["nxt"] = ["next"], ["upcoming"] = ["next"],
        ["reqd"] = ["required"], ["req"] = ["required"], ["requried"] = ["required"], ["reqired"] = ["required"], ["requred"] = ["required"],
        ["requierd"] = ["required"], ["requird"] = ["required"], ["mandatory"] = ["required"], ["compulsory"] = ["required"], ["obligatory"] = ["required"],
        ["require"] = ["required"], ["requires"] = ["required"], ["requirement"] = ["required"], ["requirements"] = ["required"],
        ["optinal"] = ["optional"], ["optionnal"] = ["optional"], ["opitonal"] = ["optional"], ["optionals"] = ["optional"],
        ["papr"] = ["paper"], ["paprs"] = ["papers"], ["papres"] = ["papers"], ["paers"] = ["papers"], ["pappers"] = ["papers"],
        ["readigs"] = ["readings"], ["readngs"] = ["readings"], ["redings"] = ["readings"], ["raedings"] = ["readings"], ["readins"] = ["readings"],
        ["pls"] = ["please"], ["plz"] = ["please"], ["plox"] = ["please"], ["thx"] = ["thanks"], ["ty"] = ["thanks"],
        ["deadine"] = ["deadline"], ["dealine"] = ["deadline"], ["deadlnie"] = ["deadline"], ["responce"] = ["response"], ["responces"] = ["responses"],
        ["reponse"] = ["response"], ["reponses"] = ["responses"], ["resposne"] = ["response"], ["writeup"] = ["response"], ["writeups"] = ["responses"],
        ["hw"] = ["homework"], ["lec"] = ["lecture"], ["mtg"] = ["meeting"], ["clas"] = ["class"], ["calss"] = ["class"],
        ["schedual"] = ["schedule"], ["schedul"] = ["schedule"], ["shedule"] = ["schedule"], ["scedule"] = ["schedule"],
        ["thanksgving"] = ["thanksgiving"], ["thanksgivng"] = ["thanksgiving"], ["thanksgiveing"] = ["thanksgiving"],
        ["one"] = ["1"], ["two"] = ["2"], ["three"] = ["3"], ["four"] = ["4"], ["five"] = ["5"], ["six"] = ["6"], ["seven"] = ["7"],
        ["eight"] = ["8"], ["nine"] = ["9"], ["ten"] = ["10"], ["eleven"] = ["11"], ["twelve"] = ["12"], ["thirteen"] = ["13"], ["fourteen"] = ["14"],
        ["first"] = ["1"], ["second"] = ["2"], ["third"] = ["3"], ["fourth"] = ["4"], ["fifth"] = ["5"], ["sixth"] = ["6"], ["seventh"] = ["7"],
        ["eighth"] = ["8"], ["ninth"] = ["9"], ["tenth"] = ["10"],
    };

    // After "'s" these words mean "… is"; any other word's "'s" is a possessive ("today's class").
    private static readonly HashSet<string> IsContractions = new(StringComparer.Ordinal) { "what", "when", "where", "who", "how", "that", "it", "there", "here", "which" };

    public static List<string> Split(string text)
    {
        var words = new List<string>(16);
        var token = new System.Text.StringBuilder(16);
        foreach (var raw in text)
        {
            var c = raw is '\u2019' or '\u2018' or '`' ? '\'' : char.ToLowerInvariant(raw);
            if (char.IsLetterOrDigit(c) || c is '\'' or '/')
            {
                token.Append(c);
            }
            else if (token.Length > 0)
            {
                Add(words, token.ToString());
                token.Clear();
            }
        }

        if (token.Length > 0)
        {
            Add(words, token.ToString());
        }

        return words;
    }

    private static void Add(List<string> words, string token)
    {
        token = token.Trim('\'', '/');
        if (token.Length == 0)
        {
            return;
        }

        // "9/11" stays one word (a date); "and/or" or "week/topic" are two.
        if (token.Contains('/', StringComparison.Ordinal) && !(char.IsDigit(token[0]) && char.IsDigit(token[^1])))
        {
            foreach (var part in token.Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                Add(words, part);
            }

            return;
        }

        var apostrophe = token.IndexOf('\'', StringComparison.Ordinal);
        if (apostrophe > 0)
        {
            var stem = token[..apostrophe];
            var tail = token[apostrophe..];
            if (tail == "'t" && stem.EndsWith('n'))
            {
                Add(words, stem[..^1] switch { "ca" => "can", "wo" => "will", var s => s });
                words.Add("not");
                return;
            }

            Add(words, stem);
            var expanded = tail switch
            {
                "'s" => IsContractions.Contains(stem) ? "is" : null,
                "'re" => "are",
                "'m" => "am",
                "'ll" => "will",
                "'ve" => "have",
                "'d" => "would",
                _ => null,
            };
            if (expanded is not null)
            {
                words.Add(expanded);
            }

            return;
        }

        if (Spellings.TryGetValue(token, out var spelled))
        {
            words.AddRange(spelled);
            return;
        }

        // "week5", "wk5", "w5" → "week 5"; "5th", "22nd" → the number.
        var digits = 0;
        while (digits < token.Length && char.IsDigit(token[token.Length - 1 - digits]))
        {
            digits++;
        }

        if (digits > 0 && digits < token.Length && token[..^digits] is "week" or "wk" or "w" or "weeks")
        {
            words.Add("week");
            words.Add(token[^digits..]);
            return;
        }

        var leading = 0;
        while (leading < token.Length && char.IsDigit(token[leading]))
        {
            leading++;
        }

        if (leading > 0 && token[leading..] is "st" or "nd" or "rd" or "th")
        {
            words.Add(token[..leading]);
            return;
        }

        words.Add(token);
    }
}
