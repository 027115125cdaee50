using Coding.Core.Codebooks;
using Coding.Core.Codebooks.Parsing;
using Coding.Core.Engine.Candidates;
using Coding.Core.Engine.Lexicon;
using Coding.Core.Engine.Preparation;
using Coding.Core.Suggestions;

namespace Coding.UnitTests.Engine.Claims;

/// <summary>
/// The claims rules read codes the ranker kept; these tests build those codes straight from a note written for them
/// (each code with the phrase it was read from and a confidence), so a rule is tested without depending on the ranker.
/// The lexicon is an excerpt of the FY2026 order file with the codes the rules combine into, and the excerpt's codes that
/// are on the FY2026 CMS POA-exempt list (only Z79.4: falls such as W19.XXXA are not on it).
/// </summary>
internal static class ClaimsFixture
{
    public const double Threshold = 0.3;

    public static readonly string[] PoaExempt = ["Z794"];

    private static readonly Lazy<TermLexicon> Shared = new(() => Build(PoaExempt));
    private static readonly Lazy<TermLexicon> SharedWithoutList = new(() => Build(null));

    public static TermLexicon Lexicon => Shared.Value;

    /// <summary>The same release as imported before its POA-exempt list was at hand.</summary>
    public static TermLexicon LexiconWithoutPoaExemptList => SharedWithoutList.Value;

    private static TermLexicon Build(IEnumerable<string>? poaExempt)
    {
        var entries = OrderFileParser.ReadFile(Path.Combine(AppContext.BaseDirectory, "Engine", "Fixtures", "icd10cm_order_2026_claims_excerpt.txt"));
        var codes = entries.Select(e => new LexiconCode(e.Code, e.LongTitle, e.Billable, e.Code.Length > 3 ? e.Code[..^1] : null));
        var terms = entries.Select((e, i) => new LexiconTerm(i, e.Code, TermKind.Title, e.LongTitle));
        return new TermLexicon(CodeSystem.Icd10Cm, "2026", codes, terms, [], poaExempt);
    }

    /// <summary>A kept candidate: the code, read from the first occurrence of <paramref name="phrase"/> in the note.</summary>
    public static Candidate Code(PreparedNote note, string code, string phrase, double confidence = 0.8)
    {
        var start = note.Text.IndexOf(phrase, StringComparison.Ordinal);
        Assert.True(start >= 0, $"the note says '{phrase}'");
        var sentence = note.SentenceIndexAt(start);
        var candidate = new Candidate(code, code, Lexicon.Code(code)?.Title ?? code) { Confidence = confidence, Score = Math.Log(confidence / (1 - confidence)) };
        candidate.Mentions.Add(new CandidateMention(new TermMatch(0, sentence, start, start + phrase.Length, [0]), code + "|test", TermKind.Title,
            note.SectionAt(start)?.Kind ?? SectionKind.Unknown, AssertionStatus.Present, Learned: false));
        return candidate;
    }

    public static IReadOnlyList<string> Coded(IReadOnlyList<Candidate> kept) =>
        kept.Where(c => c.Confidence >= Threshold).Select(c => c.Code).Order(StringComparer.Ordinal).ToList();

    /// <summary>The codes whose terms the matcher finds in the text (before assertion, ranking and rules).</summary>
    public static IReadOnlyList<string> Matched(TermLexicon lexicon, string text) =>
        TermMatcher.Match(NotePreparer.Prepare(text), lexicon).Select(m => lexicon.Terms[m.Term].Code).Distinct().Order(StringComparer.Ordinal).ToList();

    public static DiagnosisRole RoleOf(IReadOnlyList<Candidate> kept, string code) => kept.Single(c => c.Code == code).Role;
}
