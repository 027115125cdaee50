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
            if (!AssertionCoding.SupportsConditionCode(assertion, setting))
            {
                excluded.Add(new ExcludedMention(code, match, assertion.Status));
                continue;
            }
            if (!byCode.TryGetValue(code, out var candidate))
                byCode[code] = candidate = new Candidate(code, term.Code, lexicon.Code(code)!.Title);
            var section = note.SectionAt(match.Start)?.Kind ?? SectionKind.Unknown;
            candidate.Mentions.Add(new CandidateMention(match, CodingPriors.TermKey(term.Code, lexicon.Keys[match.Term]), term.Kind, section, assertion.Status, term.Id < 0));
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
        return new CandidateSet(byCode.Values.ToList(), excluded);
    }
}
