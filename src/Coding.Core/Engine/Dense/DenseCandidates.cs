using Coding.Core.Encounters;
using Coding.Core.Engine.Candidates;
using Coding.Core.Engine.Lexicon;
using Coding.Core.Engine.Preparation;
using Coding.Core.Engine.Priors;
using Coding.Core.Engine.Validation;

namespace Coding.Core.Engine.Dense;

/// <summary>
/// Dense hits → candidates, purely (the hits are retrieved before, by <see cref="DenseRetriever"/>). Only hits of the
/// phrases <see cref="DensePhrases.Select"/> keeps for this note count (the learner passes hits for every eligible
/// phrase and gets the same result as the worker, which searched only those). Each hit's code is resolved to a billable
/// code as a term's would be; the assertion gate of <see cref="AssertionCoding"/> applies to the phrase; the phrase is
/// the evidence. A code the lexical pass already has gains the dense mention (it supports the code a second way);
/// any other becomes a dense-only candidate keyed "~dense" for its prior, so the ranker learns from train what
/// a dense-only code is worth.
/// </summary>
public static class DenseCandidates
{
    public static CandidateSet Add(PreparedNote note, CandidateSet lexical, IReadOnlyList<DenseHit> hits, TermLexicon lexicon, CodingPriors priors,
        CareSetting setting, DenseSettings settings)
    {
        if (hits.Count == 0)
            return lexical;
        var phrases = DensePhrases.Select(note, lexical, setting, settings).ToDictionary(p => (p.Start, p.End));
        var byCode = lexical.Candidates.ToDictionary(c => c.Code, StringComparer.Ordinal);
        var added = new Dictionary<string, Candidate>(StringComparer.Ordinal);
        var excluded = lexical.Excluded.ToList();
        var codesPerPhrase = new Dictionary<(int, int), HashSet<string>>();
        var sentenceKeys = new Dictionary<int, HashSet<string>>();
        var resolved = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var hit in hits.OrderBy(h => h.Start).ThenBy(h => h.Rank).ThenByDescending(h => h.Similarity))
        {
            if (hit.Rank > settings.Top || hit.Similarity < settings.MinSimilarity || !phrases.TryGetValue((hit.Start, hit.End), out var phrase))
                continue;
            var term = lexicon.TermIndexOf(hit.TermId);
            if (term < 0)
                continue;
            if (!resolved.TryGetValue(hit.Code, out var code))
                resolved[hit.Code] = code = BillableResolver.Resolve(hit.Code, lexicon, priors);
            if (code is null)
                continue;
            var match = new TermMatch(term, phrase.SentenceId, phrase.Start, phrase.End, phrase.TokenIndexes);
            var assertion = AssertionDetector.Assert(note, phrase.Start, phrase.End);
            if (!AssertionCoding.SupportsCode(code, assertion, setting))
            {
                excluded.Add(new ExcludedMention(code, match, assertion.Status));
                continue;
            }
            if (!codesPerPhrase.TryGetValue((phrase.Start, phrase.End), out var codes))
                codesPerPhrase[(phrase.Start, phrase.End)] = codes = [];
            if (!codes.Add(code))
                continue;
            var mention = new CandidateMention(match, code + "|~dense", lexicon.Terms[term].Kind, note.SectionAt(phrase.Start)?.Kind ?? SectionKind.Unknown,
                assertion.Status, Learned: false, new DenseSupport(hit.Similarity, hit.Rank));
            if (byCode.TryGetValue(code, out var existing))
            {
                existing.Mentions.Add(mention);
                continue;
            }
            if (settings.SupportOnly)
                continue;
            if (!added.TryGetValue(code, out var candidate))
                added[code] = candidate = new Candidate(code, hit.Code, lexicon.Code(code)!.Title);
            candidate.Mentions.Add(mention);
        }
        foreach (var candidate in added.Values)
        {
            candidate.Ambiguity = candidate.Mentions.Min(m => codesPerPhrase[(m.Match.Start, m.Match.End)].Count);
            CandidateGenerator.CompareTitleWithSentences(candidate, note, lexicon, sentenceKeys);
        }
        return added.Count == 0 && excluded.Count == lexical.Excluded.Count
            ? lexical
            : new CandidateSet([.. lexical.Candidates, .. added.Values.OrderBy(c => c.Code, StringComparer.Ordinal)], excluded);
    }
}
