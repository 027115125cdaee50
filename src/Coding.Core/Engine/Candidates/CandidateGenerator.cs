using Coding.Core.Encounters;
using Coding.Core.Engine.Lexicon;
using Coding.Core.Engine.Preparation;
using Coding.Core.Engine.Priors;
using Coding.Core.Engine.Validation;

namespace Coding.Core.Engine.Candidates;

/// <summary>The candidates of one note, and the mentions that were set aside because of what the note says about them.</summary>
public sealed record CandidateSet(IReadOnlyList<Candidate> Candidates, IReadOnlyList<ExcludedMention> Excluded);

/// <summary>
/// Term matches → assertion → billable code → one candidate per code. A mention that is negated, about someone
/// else, hypothetical, historical, or uncertain outside inpatient care (<see cref="AssertionCoding"/>) never
/// supports a code; it is kept aside only so the evaluation can say what following that rule costs.
/// </summary>
public static class CandidateGenerator
{
    public static CandidateSet Generate(PreparedNote note, TermLexicon lexicon, CodingPriors priors, CareSetting setting)
    {
        var matches = TermMatcher.Match(note, lexicon);
        var byCode = new Dictionary<string, Candidate>(StringComparer.Ordinal);
        var excluded = new List<ExcludedMention>();
        var codesPerSpan = new Dictionary<(int, int), HashSet<string>>();
        var resolved = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var match in matches)
        {
            var term = lexicon.Terms[match.Term];
            if (!resolved.TryGetValue(term.Code, out var code))
                resolved[term.Code] = code = BillableResolver.Resolve(term.Code, lexicon, priors);
            if (code is null)
                continue;
            var assertion = AssertionDetector.Assert(note, match.Start, match.End);
            if (!AssertionCoding.SupportsCode(code, assertion, setting))
            {
                excluded.Add(new ExcludedMention(code, match, assertion.Status));
                continue;
            }
            if (!byCode.TryGetValue(code, out var candidate))
                byCode[code] = candidate = new Candidate(code, term.Code, lexicon.Code(code)!.Title);
            var section = note.SectionAt(match.Start)?.Kind ?? SectionKind.Unknown;
            candidate.Mentions.Add(new CandidateMention(match, lexicon.TermKeyOf(match.Term), term.Kind, section, assertion.Status, term.Id < 0));
            if (!codesPerSpan.TryGetValue((match.Start, match.End), out var codes))
                codesPerSpan[(match.Start, match.End)] = codes = [];
            codes.Add(code);
        }
        foreach (var candidate in byCode.Values)
        {
            candidate.Ambiguity = candidate.Mentions
                .Select(m => codesPerSpan[(m.Match.Start, m.Match.End)].Count)
                .Min();
        }
        var sentenceKeys = new Dictionary<int, HashSet<string>>();
        var all = byCode.Values.ToList();
        foreach (var candidate in byCode.Values)
            CompareTitleWithSentences(candidate, note, lexicon, sentenceKeys);
        all.AddRange(Siblings(byCode, note, lexicon, priors, sentenceKeys));
        var negated = excluded.Where(e => e.Status == AssertionStatus.Negated).Select(e => e.Code).ToHashSet(StringComparer.Ordinal);
        var cues = new Dictionary<int, bool>();
        foreach (var candidate in all)
        {
            candidate.AlsoNegated = negated.Contains(candidate.Code);
            candidate.DiagnosticCue = candidate.Mentions.Any(m => HasDiagnosticCue(note, m.Match.SentenceId, cues));
        }
        return new CandidateSet(all, excluded);
    }

    private static readonly string[] DiagnosticCues = ["diagnos", "compatible with", "consistent with", "confirm", "suggestive of"];

    /// <summary>The sentence states a diagnosis ("was diagnosed with", "findings compatible with", "confirmed").</summary>
    private static bool HasDiagnosticCue(PreparedNote note, int sentenceId, Dictionary<int, bool> cache)
    {
        if (cache.TryGetValue(sentenceId, out var cue))
            return cue;
        var text = note.TextOf(note.Sentences[sentenceId]);
        return cache[sentenceId] = DiagnosticCues.Any(c => text.Contains(c, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>A sibling never gold in train is kept only when the mentions' sentences carry this share of its distinguishing title words.</summary>
    private const double SiblingCoverage = 0.6;

    /// <summary>At most this many siblings per category (best title coverage, then train frequency): CPU stays bounded.</summary>
    private const int SiblingsPerCategory = 5;

    /// <summary>
    /// The tabular hierarchy as a candidate source: a note that names one code of a category often means another of
    /// the same category (laterality, site, acuity the matched words did not fix). Every billable sibling of a matched
    /// code becomes a candidate supported by the same mentions (their spans are the evidence), marked
    /// <see cref="Candidate.Expanded"/> and keyed "~sibling" for its prior, so the ranker decides from train how
    /// often such a sibling is the coded one. Only siblings gold in train, or whose distinguishing title words (those not
    /// among the matched terms' words) the sentences largely carry, are kept; that share is the sibling's title coverage.
    /// </summary>
    private static IEnumerable<Candidate> Siblings(Dictionary<string, Candidate> byCode, PreparedNote note, TermLexicon lexicon, CodingPriors priors,
        Dictionary<int, HashSet<string>> sentenceKeys)
    {
        var added = new Dictionary<string, Candidate>(StringComparer.Ordinal);
        foreach (var group in byCode.Values.GroupBy(c => c.Code[..3], StringComparer.Ordinal))
        {
            var mentions = group.SelectMany(c => c.Mentions).ToList();
            // The words that led to the category say nothing about which sibling: only a sibling's other title words do.
            var matched = mentions.SelectMany(m => lexicon.Keys[m.Match.Term]).ToHashSet(StringComparer.Ordinal);
            // One set of the words of every sentence the category's mentions sit in: a category such as S72 has over a
            // thousand billable codes, and asking each mention's sentence for each title word was a third of a worker's CPU.
            var words = SentenceWords(mentions, note, sentenceKeys);
            var chosen = new List<(string Code, double Coverage, int Gold)>();
            var (first, count) = lexicon.BillableRange(group.Key);
            for (var position = first; position < first + count; position++)
            {
                var code = lexicon.BillableCode(position);
                if (byCode.ContainsKey(code) || added.ContainsKey(code))
                    continue;
                var title = lexicon.BillableTitleKeys(position);
                var gold = priors.Gold(code);
                // Most siblings were never gold and share few words with the sentences: stop reading such a title as
                // soon as it cannot reach the share any more (its exact coverage is needed only if it is kept).
                if (gold == 0 && !CanReach(title, words, matched, SiblingCoverage))
                    continue;
                var coverage = Coverage(title, words, except: matched);
                if (gold > 0 || coverage >= SiblingCoverage)
                    chosen.Add((code, coverage, gold));
            }
            foreach (var (code, coverage, _) in chosen.OrderByDescending(c => c.Coverage).ThenByDescending(c => c.Gold).ThenBy(c => c.Code, StringComparer.Ordinal).Take(SiblingsPerCategory))
            {
                var sibling = new Candidate(code, code, lexicon.Code(code)!.Title)
                {
                    Expanded = true, Ambiguity = chosen.Count + group.Count(), TitleCoverage = coverage, SideAgreement = SideAgreement(lexicon.TitleKeys(code), words),
                };
                var key = code + "|~sibling";
                sibling.Mentions.AddRange(mentions.Select(m => m with { TermKey = key }));
                added[code] = sibling;
            }
        }
        return added.Values;
    }

    /// <summary>
    /// Whether the side a code's title names (right, left, bilateral) is the side the mentions' sentences name: +1 it
    /// is, −1 the sentences name only other sides, 0 the title names no side or the sentences none. Eye, ear, limb and
    /// paired-organ codes differ only by side; title coverage alone cannot tell "right" missing from "left" present.
    /// </summary>
    public static int SideAgreement(string[] titleKeys, HashSet<string> words)
    {
        var side = Array.IndexOf(titleKeys, "bilateral") >= 0 ? "bilateral" : Array.IndexOf(titleKeys, "right") >= 0 ? "right" : Array.IndexOf(titleKeys, "left") >= 0 ? "left" : null;
        if (side is null)
            return 0;
        var both = words.Contains("bilateral") || words.Contains("bilaterally") || words.Contains("both");
        var said = side switch
        {
            "bilateral" => both || (words.Contains("right") && words.Contains("left")),
            _ => words.Contains(side),
        };
        if (said)
            return 1;
        return both || words.Contains("right") || words.Contains("left") ? -1 : 0;
    }

    /// <summary>
    /// How much of the candidate's title the sentences of its mentions say (<see cref="Candidate.TitleCoverage"/>) and
    /// whether they name the title's side (<see cref="Candidate.SideAgreement"/>): for candidates named by terms, and for
    /// those dense retrieval adds.
    /// </summary>
    internal static void CompareTitleWithSentences(Candidate candidate, PreparedNote note, TermLexicon lexicon, Dictionary<int, HashSet<string>> sentenceKeys)
    {
        var words = SentenceWords(candidate.Mentions, note, sentenceKeys);
        var title = lexicon.TitleKeys(candidate.Code);
        candidate.TitleCoverage = Coverage(title, words, except: null);
        candidate.SideAgreement = SideAgreement(title, words);
    }

    /// <summary>The words (match keys) of the sentences the mentions sit in.</summary>
    private static HashSet<string> SentenceWords(List<CandidateMention> mentions, PreparedNote note, Dictionary<int, HashSet<string>> sentenceKeys)
    {
        var sentences = mentions.Select(m => m.Match.SentenceId).Distinct().ToList();
        if (sentences.Count == 1)
            return KeysOf(note, sentences[0], sentenceKeys);
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in sentences)
            words.UnionWith(KeysOf(note, id, sentenceKeys));
        return words;
    }

    /// <summary>
    /// Share of <paramref name="title"/> keys (those not in <paramref name="except"/>) found among <paramref name="words"/>
    /// (0 when none are left to find).
    /// </summary>
    private static double Coverage(string[] title, HashSet<string> words, HashSet<string>? except)
    {
        int total = 0, found = 0;
        foreach (var key in title)
        {
            if (except is not null && except.Contains(key))
                continue;
            total++;
            if (words.Contains(key))
                found++;
        }
        return total == 0 ? 0 : (double)found / total;
    }

    /// <summary>
    /// False only when <see cref="Coverage"/> is certainly below <paramref name="share"/>: at each key, the best the rest
    /// of the title can do is to be found, every one (a division rounds monotonically, so the bound never undercuts the
    /// final figure).
    /// </summary>
    private static bool CanReach(string[] title, HashSet<string> words, HashSet<string> except, double share)
    {
        int total = 0, found = 0;
        for (var i = 0; i < title.Length; i++)
        {
            var key = title[i];
            if (except.Contains(key))
                continue;
            total++;
            if (words.Contains(key))
                found++;
            var rest = title.Length - i - 1;
            if ((double)(found + rest) / (total + rest) < share)
                return false;
        }
        return total > 0 && (double)found / total >= share;
    }

    private static HashSet<string> KeysOf(PreparedNote note, int sentenceId, Dictionary<int, HashSet<string>> cache)
    {
        if (cache.TryGetValue(sentenceId, out var keys))
            return keys;
        keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var token in note.TokensOf(note.Sentences[sentenceId]))
        {
            foreach (var raw in token.MatchKeys)
                keys.Add(OrganWords.Canonical(raw));
        }
        return cache[sentenceId] = keys;
    }
}
