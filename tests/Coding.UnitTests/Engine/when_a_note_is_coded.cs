using Coding.Core.Encounters;
using Coding.Core.Engine;
using Coding.Core.Engine.Priors;

namespace Coding.UnitTests.Engine;

public class when_a_note_is_coded
{
    private static CodingRun Code(string text, CareSetting setting = CareSetting.Outpatient, int? age = null, PatientSex sex = PatientSex.Unknown) =>
        DeterministicCoder.Code(text, EngineFixture.Lexicon, CodingPriors.Empty, setting, age, sex);

    private static IEnumerable<string> Codes(CodingRun run) => run.Ranked.Select(c => c.Code);

    [Fact]
    public void a_stated_condition_becomes_a_candidate_with_its_words_as_evidence()
    {
        var text = "Assessment: fever and essential hypertension.";
        var run = Code(text);

        Assert.Contains("R509", Codes(run));
        Assert.Contains("I10", Codes(run));
        var hypertension = run.Ranked.Single(c => c.Code == "I10");
        Assert.Equal("essential hypertension", text[hypertension.Mentions[0].Match.Start..hypertension.Mentions[0].Match.End]);
    }

    [Theory]
    [InlineData("The patient denies fever.")]
    [InlineData("No fever.")]
    [InlineData("Fever was ruled out.")]
    public void a_negated_mention_never_yields_a_code(string text)
    {
        var run = Code(text, CareSetting.Inpatient);

        Assert.DoesNotContain("R509", Codes(run));
        Assert.Contains(run.Candidates.Excluded, e => e.Code == "R509");
    }

    [Fact]
    public void an_uncertain_diagnosis_is_coded_for_an_inpatient_stay_but_not_an_outpatient_visit()
    {
        const string text = "Probable pneumonia.";

        Assert.Contains("J189", Codes(Code(text, CareSetting.Inpatient)));
        Assert.DoesNotContain("J189", Codes(Code(text, CareSetting.Outpatient)));
    }

    [Fact]
    public void a_header_is_never_suggested_and_its_billable_child_is_proposed_instead()
    {
        // "Type 2 diabetes mellitus" is the title of header E11; E11.9 is what a coder assigns without more detail.
        var run = Code("Type 2 diabetes mellitus.");

        Assert.DoesNotContain("E11", Codes(run));
        var child = Assert.Single(run.Ranked, c => c.Code.StartsWith("E11", StringComparison.Ordinal));
        Assert.True(EngineFixture.Lexicon.Code(child.Code)!.Billable);
    }

    [Fact]
    public void every_evidence_span_is_the_note_substring_of_whole_words()
    {
        var text = "Chief complaint: Fever.\nHistory: drug induced fever after antibiotics; essential hypertension; lobar pneumonia.";
        var run = Code(text, CareSetting.Inpatient);

        Assert.NotEmpty(run.Ranked);
        foreach (var mention in run.Ranked.SelectMany(c => c.Mentions))
            Assert.True(EngineEvaluation.SpanIsValid(text, mention.Match.Start, mention.Match.End));
    }

    [Fact]
    public void a_code_is_suggested_once_with_the_spans_of_every_mention()
    {
        var run = Code("Fever on admission. Fever persisted on day 2.");

        var fever = Assert.Single(run.Ranked, c => c.Code == "R509");
        Assert.Equal(2, fever.Mentions.Count);
    }

    [Fact]
    public void the_more_specific_mention_wins_over_the_words_it_contains()
    {
        var run = Code("Lobar pneumonia.");

        var lobar = run.Ranked.Single(c => c.Code == "J181");
        var plain = run.Ranked.Single(c => c.Code == "J189");
        Assert.True(lobar.Confidence > plain.Confidence);
        Assert.True(plain.Mentions.All(m => m.Match.Subsumed));
    }

    [Fact]
    public void one_statement_read_as_an_unspecified_and_a_specific_code_keeps_only_the_specific_one()
    {
        // "Type 2 diabetes mellitus" (E11.9's words) lies inside "type 2 diabetes mellitus with hyperglycemia" (E11.65).
        var run = Code("Type 2 diabetes mellitus with hyperglycemia.");

        Assert.Contains("E1165", Codes(run));
        Assert.DoesNotContain("E119", Codes(run));
    }
}
