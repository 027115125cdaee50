using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Coding.Core.Engine.Candidates;
using Coding.Core.Engine.Lexicon;
using Coding.Core.Engine.Preparation;

namespace Coding.Core.Engine.Claims;

/// <summary>
/// The qualifiers the documentation states pick the code among the siblings of a subcategory (Guidelines I.B.2-3: the
/// highest specificity the documentation supports; I.A.15 "with"; the Index's subterms "with", "without", "not
/// intractable", "in remission", "uncomplicated"). Term keys read "migraine with aura, not intractable, without status
/// migrainosus" as well for G43.101 (with status migrainosus) as for G43.109, and "alcohol dependence with uncomplicated
/// withdrawal" as F10.20; the ranker's prior then picks one. Each sibling's title is read as clauses ("with status
/// migrainosus", "not intractable"), each clause is looked for in the sentences of the candidate's mentions, stated or
/// denied, and the candidate becomes the sibling the sentences agree with best. A qualifier the note does not mention
/// counts against a sibling that claims it, so the Index's default ("not intractable", "without …") wins over a claim the
/// words never made. Sides, sites and "other"/"unspecified" clauses are left to <see cref="Laterality"/> and the ranker.
/// Done before ranking, in the learner as in the worker.
/// </summary>
public static partial class DocumentedQualifiers
{
    private const int MaxFamily = 60;
    private const int SmallCategory = 12;

    public static CandidateSet Resolve(PreparedNote note, CandidateSet set, TermLexicon lexicon)
    {
        List<Candidate>? result = null;
        foreach (var c in set.Candidates)
        {
            if (!InScope(c.Code) || Better(note, c, lexicon) is not { } code)
                continue;
            result ??= [.. set.Candidates];
            var index = result.IndexOf(c);
            if (result.Any(o => o.Code == code))
                result.RemoveAt(index);
            else
                result[index] = c.As(code, lexicon.Code(code)!.Title);
        }
        return result is null ? set : set with { Candidates = result };
    }

    /// <summary>Diseases of chapters 1-14 and pregnancy: injuries, external causes, factors and neoplasm sites have their own rules.</summary>
    private static bool InScope(string code) => code.Length >= 5 && code[0] is (>= 'A' and <= 'B') or (>= 'E' and <= 'O');

    /// <summary>The sibling whose clauses the mention sentences state best, when it is one and states more than the candidate.</summary>
    private static string? Better(PreparedNote note, Candidate c, TermLexicon lexicon)
    {
        if (FamilyOf(c.Code, lexicon) is not { } family)
            return null;
        var (own, phrases) = family;
        // A candidate that claims no qualifier of its own ("other specified depressive episodes") was read from other
        // words; its qualifiers are not what picked it.
        if (own[c.Code].Count == 0)
            return null;

        var window = string.Join(" \n ", c.Mentions.Select(m => Segment(note, m.Match.Start, m.Match.End)).Distinct());
        // Lower case and hyphens as spaces keep every offset, so a denial is read in the window as written.
        var folded = window.ToLowerInvariant().Replace('-', ' ');
        var stated = phrases.ToDictionary(p => p, p => Stated(window, folded, p), StringComparer.Ordinal);
        if (stated.Values.All(s => s == Statement.Absent))
            return null;

        double Score(string code)
        {
            var score = 0.0;
            foreach (var phrase in phrases)
            {
                var clause = own[code].FirstOrDefault(cl => cl.Phrase == phrase);
                score += (clause, stated[phrase]) switch
                {
                    (null, Statement.Stated) => -1,                 // the note says it, this sibling does not
                    (null, _) => 0,
                    ({ Positive: true }, Statement.Stated) or ({ Positive: false }, Statement.Denied) => 1,
                    ({ Positive: true }, Statement.Denied) or ({ Positive: false }, Statement.Stated) => -1,
                    ({ Positive: true }, _) => -0.5,                // claimed, never written: the Index's default wins
                    _ => 0,
                };
            }
            return score;
        }

        var ownScore = Score(c.Code);
        // Only a sibling with a clause of its own can be chosen: "other specified complication" states nothing.
        var scored = own.Where(kv => kv.Value.Count > 0).Select(kv => (Code: kv.Key, Score: Score(kv.Key))).OrderByDescending(s => s.Score).ToList();
        if (scored.Count == 0 || scored[0].Score <= ownScore || scored[0].Score < 0 || scored.Count > 1 && scored[1].Score == scored[0].Score)
            return null;
        return scored[0].Code == c.Code ? null : scored[0].Code;
    }

    /// <summary>
    /// The siblings a candidate is read against, each with the clauses that set it apart (a clause every sibling shares
    /// says nothing about which sibling it is), and the phrases of those clauses.
    /// </summary>
    private sealed record Family(IReadOnlyDictionary<string, IReadOnlyList<Clause>> Own, IReadOnlyList<string> Phrases);

    // Families depend only on the release's titles: read once per lexicon and prefix, not once per candidate.
    private static readonly ConditionalWeakTable<TermLexicon, ConcurrentDictionary<string, Family?>> Families = new();

    private static Family? FamilyOf(string code, TermLexicon lexicon)
    {
        // A small category is one family ("Parkinson's disease with dyskinesia, with fluctuations" sits in G20.B, its
        // sibling without dyskinesia in G20.A); a large one is read by subcategory.
        var prefix = lexicon.BillableUnder(code[..3]).Length > SmallCategory ? code[..4] : code[..3];
        var family = Families.GetOrCreateValue(lexicon).GetOrAdd(prefix, p => Read(p, lexicon));
        return family is not null && family.Own.ContainsKey(code) ? family : null;
    }

    private static Family? Read(string prefix, TermLexicon lexicon)
    {
        var codes = lexicon.BillableUnder(prefix);
        if (codes.Length < 2 || codes.Length > MaxFamily)
            return null;
        var clauses = new Dictionary<string, IReadOnlyList<Clause>>(StringComparer.Ordinal);
        foreach (var code in codes)
            clauses[code] = Clauses(lexicon.Code(code)?.Title ?? "");
        var shared = clauses.Values.Skip(1).Aggregate(clauses.Values.First().ToHashSet(), (all, next) => { all.IntersectWith(next); return all; });
        var own = clauses.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<Clause>)kv.Value.Where(cl => !shared.Contains(cl)).ToList(), StringComparer.Ordinal);
        var phrases = own.Values.SelectMany(cs => cs).Select(cl => cl.Phrase).Distinct().ToList();
        return phrases.Count == 0 ? null : new Family(own, phrases);
    }

    /// <summary>
    /// The words that qualify a mention: its sentence, cut at the semicolons and line breaks that separate one listed
    /// condition from the next ("opioid use disorder, with withdrawal; nicotine dependence (cigarettes)").
    /// </summary>
    private static string Segment(PreparedNote note, int start, int end)
    {
        var sentence = note.Sentences[note.SentenceIndexAt(start)];
        var text = note.Text;
        var from = start;
        while (from > sentence.Start && text[from - 1] is not (';' or '\n'))
            from--;
        var to = Math.Max(end, start);
        while (to < sentence.End && text[to] is not (';' or '\n'))
            to++;
        return text[from..to];
    }

    private enum Statement { Absent, Stated, Denied }

    /// <summary>A qualifier of a title: its words and whether the title claims it ("with X", "X") or denies it ("without X", "not X").</summary>
    private sealed record Clause(string Phrase, bool Positive);

    /// <summary>
    /// "Migraine with aura, not intractable, with status migrainosus" → aura, ¬intractable, status migrainosus (after the main term).
    /// Bracketed and parenthesised words are nonessential (I.A.7), sides and "other"/"unspecified" are not qualifiers.
    /// </summary>
    private static IReadOnlyList<Clause> Clauses(string title)
    {
        var clauses = new List<Clause>();
        var plain = Nonessential().Replace(title.ToLowerInvariant(), " ");
        var first = true;
        foreach (var part in plain.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            foreach (var piece in ClauseStart().Split(part).Select(p => p.Trim()).Where(p => p.Length > 0))
            {
                // The first words name the condition (the main term), which the term match already read.
                if (first)
                {
                    first = false;
                    continue;
                }
                if (NotAQualifier().IsMatch(piece))
                    continue;
                var (phrase, positive) = piece switch
                {
                    _ when piece.StartsWith("without ", StringComparison.Ordinal) => (piece[8..], false),
                    _ when piece.StartsWith("with ", StringComparison.Ordinal) => (piece[5..], true),
                    _ when piece.StartsWith("not ", StringComparison.Ordinal) => (piece[4..], false),
                    _ when piece.StartsWith("in ", StringComparison.Ordinal) => (piece[3..], true),
                    _ => (piece, true),
                };
                phrase = phrase.Replace("mention of ", "", StringComparison.Ordinal).Replace('-', ' ').Trim();
                if (phrase.Length >= 4)
                    clauses.Add(new Clause(phrase, positive));
            }
        }
        return clauses;
    }

    /// <summary>Whether the window states the phrase, only denies it ("without", "no", "not", "non-"), or never names it.</summary>
    private static Statement Stated(string window, string text, string phrase)
    {
        var denied = false;
        for (var at = text.IndexOf(phrase, StringComparison.Ordinal); at >= 0; at = text.IndexOf(phrase, at + 1, StringComparison.Ordinal))
        {
            var end = at + phrase.Length;
            if (end < text.Length && text[end] == 's')
                end++;
            else if (end + 1 < text.Length && text[end] == 'e' && text[end + 1] == 's')
                end += 2;
            if (at > 0 && char.IsLetterOrDigit(text[at - 1]) || end < text.Length && char.IsLetterOrDigit(text[end]))
                continue;
            if (Denial().IsMatch(window.AsSpan(Math.Max(0, at - 30), at - Math.Max(0, at - 30))))
                denied = true;
            else
                return Statement.Stated;
        }
        return denied ? Statement.Denied : Statement.Absent;
    }

    [GeneratedRegex(@"\s*(\[[^\]]*\]|\([^)]*\))\s*")]
    private static partial Regex Nonessential();

    // "Other conditions associated with Lyme disease" names the condition; "with" there is not a qualifier.
    [GeneratedRegex(@"(?<!\b(?:associated|compatible|consistent))\s+(?=(?:with|without)\s)")]
    private static partial Regex ClauseStart();

    [GeneratedRegex(@"\b(right|left|bilateral|unspecified|other|specified|site|sites|eye|ear|limb|region)\b")]
    private static partial Regex NotAQualifier();

    // A denial that governs the phrase: the cue sits in the same clause, at most a few words before it.
    [GeneratedRegex(@"(\b(without|w/o|no|not|non|denies|negative for|absent)\b[^,;.:()]{0,12}|\bnon-?)$", RegexOptions.IgnoreCase)]
    private static partial Regex Denial();
}
