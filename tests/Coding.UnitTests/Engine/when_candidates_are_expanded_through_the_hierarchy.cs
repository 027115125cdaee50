using Coding.Core.Encounters;
using Coding.Core.Engine.Candidates;
using Coding.Core.Engine.Preparation;
using Coding.Core.Engine.Priors;
using Coding.Core.Engine.Validation;

namespace Coding.UnitTests.Engine;

public class when_candidates_are_expanded_through_the_hierarchy
{
    private static CandidateSet Generate(string text, CodingPriors priors) =>
        CandidateGenerator.Generate(NotePreparer.Prepare(text), EngineFixture.Lexicon, priors, CareSetting.Inpatient);

    [Fact]
    public void a_sibling_often_coded_in_training_joins_with_the_matched_words_as_evidence()
    {
        const string text = "On admission she had fever.";
        var priors = new CodingPriors { GoldFrequency = new() { ["R502"] = 3 } };

        var set = Generate(text, priors);

        var named = Assert.Single(set.Candidates, c => c.Code == "R509");
        Assert.False(named.Expanded);
        var sibling = Assert.Single(set.Candidates, c => c.Code == "R502");
        Assert.True(sibling.Expanded);
        Assert.All(sibling.Mentions, m => Assert.Equal("fever", text[m.Match.Start..m.Match.End]));
    }

    [Fact]
    public void a_sibling_nothing_points_to_is_not_a_candidate()
    {
        // Neither seen as gold in training nor named by its distinguishing words ("drug induced").
        var set = Generate("On admission she had fever.", CodingPriors.Empty);

        Assert.Contains(set.Candidates, c => c.Code == "R509");
        Assert.DoesNotContain(set.Candidates, c => c.Code == "R502");
    }

    [Fact]
    public void a_sibling_whose_distinguishing_words_the_sentence_carries_joins_even_if_never_seen_in_training()
    {
        // Too far apart for the term "type 2 diabetes mellitus with hyperglycemia" to match, but in one sentence.
        const string text = "Type 2 diabetes mellitus is poorly controlled and the glucose readings on the ward have repeatedly shown marked hyperglycemia.";

        var set = Generate(text, CodingPriors.Empty);

        Assert.Contains(set.Candidates, c => c.Code == "E119" && !c.Expanded);
        Assert.DoesNotContain(set.Candidates, c => c.Code == "E1165" && !c.Expanded);
        var sibling = Assert.Single(set.Candidates, c => c.Code == "E1165");
        Assert.Equal(1.0, sibling.TitleCoverage);
    }

    [Fact]
    public void an_expanded_sibling_never_takes_out_a_code_the_note_names()
    {
        // The sibling outranks the named unspecified code, yet only a named code may make another less specific.
        var named = new Candidate("R509", "R509", EngineFixture.Lexicon.Code("R509")!.Title) { Confidence = 0.5, Score = 0.5 };
        var sibling = new Candidate("R502", "R502", EngineFixture.Lexicon.Code("R502")!.Title) { Expanded = true, Confidence = 0.9, Score = 0.9 };

        var result = SuggestionValidator.Validate([sibling, named], EngineFixture.Lexicon, null, PatientSex.Unknown);

        Assert.Equal(["R502", "R509"], result.Kept.Select(c => c.Code));
    }

    [Fact]
    public void a_named_specific_code_still_makes_an_expanded_unspecified_sibling_redundant()
    {
        var named = new Candidate("R502", "R502", EngineFixture.Lexicon.Code("R502")!.Title) { Confidence = 0.5, Score = 0.5 };
        var sibling = new Candidate("R509", "R509", EngineFixture.Lexicon.Code("R509")!.Title) { Expanded = true, Confidence = 0.9, Score = 0.9 };

        var result = SuggestionValidator.Validate([sibling, named], EngineFixture.Lexicon, null, PatientSex.Unknown);

        Assert.Equal(["R502"], result.Kept.Select(c => c.Code));
    }
}
