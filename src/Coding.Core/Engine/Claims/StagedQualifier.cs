using System.Text.RegularExpressions;
using Coding.Core.Engine.Candidates;
using Coding.Core.Engine.Lexicon;
using Coding.Core.Engine.Preparation;

namespace Coding.Core.Engine.Claims;

/// <summary>
/// The stage, class or grade the documentation gives decides the code (Guidelines I.B.2-3: the code of the highest
/// specificity the documentation supports; the Tabular lists "Chronic kidney disease, stage 3b", "Obesity, class 2" as
/// codes of their own). Term keys drop numbers, so "CKD stage 4" reads every staged sibling alike and the ranker's prior
/// picks one. A candidate whose title names a stage, class or grade becomes the sibling of its category whose title names
/// the value written next to the mention ("stage 3b", "class II" → "class 2"); a candidate whose value the note contradicts
/// and whose documented sibling is already a candidate goes. Done before ranking, in the learner as in the worker.
/// </summary>
public static partial class StagedQualifier
{
    public static CandidateSet Resolve(PreparedNote note, CandidateSet set, TermLexicon lexicon)
    {
        List<Candidate>? result = null;
        foreach (var c in set.Candidates)
        {
            if (Qualifier().Match(c.Title) is not { Success: true } own)
                continue;
            var word = own.Groups["word"].Value.ToLowerInvariant();
            var value = Value(own.Groups["value"].Value);
            if (Documented(note, c, word) is not { } documented || documented == value)
                continue;
            if (Sibling(c, word, documented, lexicon) is not { } code)
                continue;
            result ??= [.. set.Candidates];
            var index = result.IndexOf(c);
            if (set.Candidates.Any(o => o.Code == code))
            {
                result.RemoveAt(index);
                continue;
            }
            result[index] = c.As(code, lexicon.Code(code)!.Title);
        }
        return result is null ? set : set with { Candidates = result };
    }

    /// <summary>
    /// One stage per condition (I.B.2-3): two coded stages of one condition ("CKD stage 4" beside a stage 3a read from a
    /// bare "CKD") are one disease read twice; the stage the note's words named stays (a code read from the words, not a
    /// sibling the hierarchy offered), then the better ranked.
    /// </summary>
    public static void OneStage(List<Candidate> kept, Func<Candidate, bool> coded, Action<Candidate, string, string?, string> remove)
    {
        var staged = kept.Where(coded).Select(c => (Candidate: c, Match: Qualifier().Match(c.Title))).Where(x => x.Match.Success)
            .GroupBy(x => (x.Candidate.Code[..3], x.Candidate.Title[..x.Match.Index].ToLowerInvariant()));
        foreach (var group in staged.Where(g => g.Count() > 1).ToList())
        {
            var best = group.Select(x => x.Candidate).OrderBy(c => c.Expanded).ThenByDescending(c => c.Score).First();
            foreach (var other in group.Select(x => x.Candidate).Where(c => c != best))
                remove(other, "one-stage", best.Code, $"one stage of the condition, the one documented: {best.Code} (I.B.2)");
        }
    }

    /// <summary>The value written after the qualifier word next to a mention ("CKD stage 3b" → "3b"), or null when none or several.</summary>
    private static string? Documented(PreparedNote note, Candidate c, string word)
    {
        string? found = null;
        foreach (var m in c.Mentions)
        {
            var sentence = note.Sentences[note.SentenceIndexAt(m.Match.Start)];
            var from = Math.Max(sentence.Start, m.Match.Start - 20);
            var to = Math.Min(sentence.End, m.Match.End + 25);
            foreach (Match written in Written().Matches(note.Text[from..to]))
            {
                if (!written.Groups["word"].Value.Equals(word, StringComparison.OrdinalIgnoreCase))
                    continue;
                var value = Value(written.Groups["value"].Value);
                if (found is not null && found != value)
                    return null;
                found = value;
            }
        }
        return found;
    }

    /// <summary>The billable code of the category whose title names <paramref name="word"/> <paramref name="value"/>.</summary>
    private static string? Sibling(Candidate c, string word, string value, TermLexicon lexicon)
    {
        string? match = null;
        foreach (var code in lexicon.BillableUnder(c.Code[..3]))
        {
            if (lexicon.Code(code) is not { } entry || Qualifier().Match(entry.Title) is not { Success: true } q)
                continue;
            if (!q.Groups["word"].Value.Equals(word, StringComparison.OrdinalIgnoreCase) || Value(q.Groups["value"].Value) != value)
                continue;
            // Another reading of the same condition: the words before the qualifier are the candidate's.
            if (!entry.Title[..q.Index].Equals(c.Title[..Qualifier().Match(c.Title).Index], StringComparison.OrdinalIgnoreCase))
                continue;
            if (match is not null)
                return null;
            match = code;
        }
        return match;
    }

    /// <summary>Arabic digits for roman numerals ("IV" → "4"), lower case otherwise ("3B" → "3b").</summary>
    private static string Value(string written) => written.ToLowerInvariant() switch
    {
        "i" => "1", "ii" => "2", "iii" => "3", "iiia" => "3a", "iiib" => "3b", "iv" => "4", "v" => "5",
        var v => v,
    };

    [GeneratedRegex(@"\b(?<word>stage|class|grade)\s+(?<value>[0-9][a-z]?|iv|v|i{1,3}[ab]?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Qualifier();

    [GeneratedRegex(@"\b(?<word>stage|class|grade)\s*(?<value>[0-9][a-z]?|iv|v|i{1,3}[ab]?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Written();
}
