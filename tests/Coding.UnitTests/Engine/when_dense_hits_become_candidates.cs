using Coding.Core.Encounters;
using Coding.Core.Engine;
using Coding.Core.Engine.Candidates;
using Coding.Core.Engine.Dense;
using Coding.Core.Engine.Preparation;
using Coding.Core.Engine.Priors;
using Coding.Core.Engine.Ranking;

namespace Coding.UnitTests.Engine;

public class when_dense_hits_become_candidates
{
    private const string Text = "Essential hypertension. Pyrexial state of unclear origin. No lung consolidation.";
    private static readonly DenseSettings Settings = new(12, 3, 0.5);

    private static long TermOf(string code) => EngineFixture.Lexicon.Terms.First(t => t.Code == code).Id;

    private static DenseHit Hit(string phrase, string code, double similarity = 0.8, int rank = 1)
    {
        var start = Text.IndexOf(phrase, StringComparison.Ordinal);
        return new DenseHit(start, start + phrase.Length, TermOf(code), code, similarity, rank);
    }

    private static CodingRun Run(DenseSettings settings, params DenseHit[] hits) =>
        DeterministicCoder.Code(DeterministicCoder.Match(Text, EngineFixture.Lexicon, CodingPriors.Empty, CareSetting.Inpatient), hits, settings,
            EngineFixture.Lexicon, CodingPriors.Empty, CareSetting.Inpatient, null, PatientSex.Unknown);

    private static Candidate? Candidate(CodingRun run, string code) => run.Candidates.Candidates.SingleOrDefault(c => c.Code == code);

    [Fact]
    public void a_hit_on_an_unmatched_phrase_is_a_dense_only_candidate_whose_evidence_is_the_phrase()
    {
        var run = Run(Settings, Hit("Pyrexial state of unclear origin", "R509", 0.71, 2));

        var fever = Candidate(run, "R509")!;
        var mention = Assert.Single(fever.Mentions);
        Assert.Equal("Pyrexial state of unclear origin", Text[mention.Match.Start..mention.Match.End]);
        Assert.Equal(new DenseSupport(0.71, 2), mention.Dense);
        Assert.Equal("R509|~dense", mention.TermKey);
        var span = Assert.Single(DeterministicEngine.Evidence(fever));
        Assert.Equal((mention.Match.Start, mention.Match.End), (span.Start, span.End));
    }

    [Fact]
    public void a_header_hit_becomes_a_billable_code()
    {
        var run = Run(Settings, Hit("Pyrexial state of unclear origin", "R50"));
        Assert.True(EngineFixture.Lexicon.Code(Assert.Single(run.Candidates.Candidates, c => c.MatchedCode == "R50").Code)!.Billable);
    }

    [Fact]
    public void hits_below_the_similarity_or_rank_cut_or_on_phrases_not_selected_are_ignored()
    {
        var run = Run(Settings,
            Hit("Pyrexial state of unclear origin", "R509", similarity: 0.3),
            Hit("Pyrexial state of unclear origin", "R502", rank: 4),
            Hit("Essential hypertension", "J189"),
            Hit("lung consolidation", "J189"));

        Assert.Null(Candidate(run, "R509"));
        Assert.Null(Candidate(run, "R502"));
        Assert.Null(Candidate(run, "J189"));
    }

    [Fact]
    public void a_hit_on_a_code_the_words_found_supports_it_without_a_second_candidate_and_without_changing_its_evidence()
    {
        var run = Run(Settings with { Scope = DenseScope.All }, Hit("Essential hypertension", "I10", 0.9));

        var i10 = Assert.Single(run.Candidates.Candidates, c => c.Code == "I10");
        Assert.Contains(i10.Mentions, m => m.Dense is not null);
        Assert.Equal(["Essential hypertension"], DeterministicEngine.Evidence(i10).Select(s => Text[s.Start..s.End]));
    }

    [Fact]
    public void support_only_adds_no_code_of_its_own()
    {
        Assert.Null(Candidate(Run(Settings with { SupportOnly = true }, Hit("Pyrexial state of unclear origin", "R509")), "R509"));
    }

    [Fact]
    public void dense_features_say_dense_only_similarity_and_rank_and_leave_the_lexical_features_of_a_named_code_alone()
    {
        var named = Run(Settings).Candidates.Candidates.Single(c => c.Code == "I10");
        var before = CandidateFeatures.Of(named, CodingPriors.Empty, Text.Length);
        var run = Run(Settings with { Scope = DenseScope.All }, Hit("Essential hypertension", "I10", 0.9, 1), Hit("Pyrexial state of unclear origin", "R509", 0.6, 2));
        var supported = CandidateFeatures.Of(Candidate(run, "I10")!, CodingPriors.Empty, Text.Length);
        var denseOnly = CandidateFeatures.Of(Candidate(run, "R509")!, CodingPriors.Empty, Text.Length);
        int Index(string name) => Array.IndexOf(CandidateFeatures.Names, name);

        Assert.Equal((1.0, 0.6, 0.5), (denseOnly[Index("dense-only")], denseOnly[Index("dense-similarity")], denseOnly[Index("dense-rank-inverse")]));
        Assert.Equal((0.0, 0.9, 1.0), (supported[Index("dense-only")], supported[Index("dense-similarity")], supported[Index("dense-rank-inverse")]));
        Assert.Equal(before.Where((_, i) => !CandidateFeatures.Names[i].StartsWith("dense-", StringComparison.Ordinal)),
            supported.Where((_, i) => !CandidateFeatures.Names[i].StartsWith("dense-", StringComparison.Ordinal)));
        Assert.Equal((0.0, 0.0, 0.0), (before[Index("dense-only")], before[Index("dense-similarity")], before[Index("dense-rank-inverse")]));
    }

    [Fact]
    public void a_negated_phrase_never_yields_a_code_even_when_its_hits_are_passed_in()
    {
        // "lung consolidation" is negated: never selected, so its hits are dropped (and the gate would refuse it anyway).
        var run = Run(Settings with { Scope = DenseScope.All }, Hit("lung consolidation", "J181"));
        Assert.Null(Candidate(run, "J181"));
    }
}
