using Coding.Core.Encounters;
using Coding.Core.Engine;
using Coding.Core.Engine.Dense;
using Coding.Core.Engine.Preparation;
using Coding.Core.Engine.Priors;

namespace Coding.UnitTests.Engine;

public class when_dense_phrases_are_chosen
{
    private static IReadOnlyList<DensePhrase> Eligible(string text, CareSetting setting = CareSetting.Inpatient) =>
        DensePhrases.Eligible(NotePreparer.Prepare(text), setting);

    [Fact]
    public void a_phrase_is_exactly_the_note_text_at_its_offsets_and_starts_and_ends_on_a_word()
    {
        const string text = "The patient had a persistent epigastric discomfort, and nocturnal sweating since March.";
        var phrases = Eligible(text);
        Assert.Contains(phrases, p => p.Text == "persistent epigastric discomfort");
        Assert.All(phrases, p =>
        {
            Assert.Equal(p.Text, text[p.Start..p.End]);
            Assert.True(EngineEvaluation.SpanIsValid(text, p.Start, p.End));
        });
    }

    [Fact]
    public void phrases_are_cut_at_punctuation_and_clause_words_and_trimmed_of_function_words()
    {
        var texts = Eligible("Chest radiograph showed a right basal consolidation with pleural effusion.").Select(p => p.Text).ToArray();
        Assert.Equal(["Chest radiograph", "right basal consolidation", "pleural effusion"], texts);
    }

    [Fact]
    public void measurements_single_words_and_headers_are_not_searched()
    {
        var texts = Eligible("LABS:\nGlucose 117 mg/dl. Anemia.\nSevere normocytic anemia.").Select(p => p.Text).ToArray();
        Assert.Equal(["Severe normocytic anemia"], texts);
    }

    [Theory]
    [InlineData("She denies chest tightness or palpitations.")]
    [InlineData("Her mother had ovarian carcinoma.")]
    [InlineData("Return if productive cough develops.")]
    public void negated_family_and_hypothetical_phrases_are_never_searched(string text)
    {
        Assert.DoesNotContain(Eligible(text), p => p.Text.Contains("tightness") || p.Text.Contains("carcinoma") || p.Text.Contains("cough"));
    }

    [Fact]
    public void uncertain_phrases_are_searched_for_inpatients_only()
    {
        const string text = "Probable acute cholecystitis.";
        Assert.Contains(Eligible(text, CareSetting.Inpatient), p => p.Text == "acute cholecystitis");
        Assert.DoesNotContain(Eligible(text, CareSetting.Outpatient), p => p.Text == "acute cholecystitis");
    }

    [Fact]
    public void by_default_only_phrases_no_lexical_match_touched_are_searched_up_to_the_cap()
    {
        const string text = "Essential hypertension. Persistent epigastric discomfort. Nocturnal sweating episodes. Marked bilateral leg swelling.";
        var pass = DeterministicCoder.Match(text, EngineFixture.Lexicon, CodingPriors.Empty, CareSetting.Inpatient);
        Assert.Contains(pass.Candidates.Candidates, c => c.Code == "I10");

        var unmatched = DensePhrases.Select(pass.Note, pass.Candidates, CareSetting.Inpatient, new DenseSettings(2, 3, 0.5)).Select(p => p.Text).ToArray();
        var all = DensePhrases.Select(pass.Note, pass.Candidates, CareSetting.Inpatient, new DenseSettings(12, 3, 0.5, DenseScope.All)).Select(p => p.Text).ToArray();

        Assert.Equal(["Persistent epigastric discomfort", "Nocturnal sweating episodes"], unmatched);
        Assert.Contains("Essential hypertension", all);
    }
}
