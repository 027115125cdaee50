using Coding.Core.Encounters;
using Coding.Core.Engine.Candidates;
using Coding.Core.Engine.Preparation;
using Coding.Core.Engine.Priors;

namespace Coding.UnitTests.Engine;

public class when_a_note_states_a_diagnosis
{
    private static Candidate Fever(string text) =>
        CandidateGenerator.Generate(NotePreparer.Prepare(text), EngineFixture.Lexicon, CodingPriors.Empty, CareSetting.Inpatient)
            .Candidates.Single(c => c.Code == "R509");

    [Theory]
    [InlineData("She was diagnosed with fever of unknown origin.", true)]
    [InlineData("The findings were compatible with fever.", true)]
    [InlineData("On admission she had fever.", false)]
    public void a_sentence_that_states_the_diagnosis_is_a_cue_for_the_ranker(string text, bool cue)
    {
        Assert.Equal(cue, Fever(text).DiagnosticCue);
    }

    [Fact]
    public void a_code_the_note_also_negates_elsewhere_is_marked_and_still_supported_only_by_its_affirmed_mention()
    {
        var fever = Fever("No fever on admission. On day three she had fever.");

        Assert.True(fever.AlsoNegated);
        Assert.All(fever.Mentions, m => Assert.Equal(AssertionStatus.Present, m.Status));
    }
}
