using Coding.Core.Engine.Candidates;
using Coding.Core.Engine.Claims;
using Coding.Core.Engine.Preparation;
using static Coding.UnitTests.Engine.Claims.ClaimsFixture;

namespace Coding.UnitTests.Engine.Claims;

/// <summary>
/// Guidelines I.C.21.c.4 and I.C.2.d: the mention set aside for the condition code because it is a relative's, or a
/// malignancy or an ended episode of the patient's past, supports the history code the Tabular groups it under
/// (Z80-Z84, Z85) or the Index lists under "History, personal (of)".
/// </summary>
public class when_a_note_names_a_relatives_or_a_past_condition
{
    private static IReadOnlyList<string> Derived(string text, string code, string phrase, AssertionStatus status)
    {
        var note = NotePreparer.Prepare(text);
        var start = note.Text.IndexOf(phrase, StringComparison.Ordinal);
        var match = new TermMatch(0, note.SentenceIndexAt(start), start, start + phrase.Length, [0]);
        var set = HistoryCodes.Derive(note, new CandidateSet([], [new ExcludedMention(code, match, status)]), Lexicon);
        return set.Candidates.Select(c => c.Code).ToList();
    }

    [Fact]
    public void a_relatives_breast_cancer_is_family_history_of_malignant_neoplasm_of_breast() =>
        Assert.Equal(["Z803"], Derived("Family history: mother - breast cancer at 62.", "C50919", "breast cancer", AssertionStatus.Family));

    [Fact]
    public void a_relatives_lung_cancer_and_stroke_follow_the_tabular_grouping()
    {
        Assert.Equal(["Z801"], Derived("FHx: father lung ca.", "C3490", "lung ca", AssertionStatus.Family));
        Assert.Equal(["Z823"], Derived("Her mother had a stroke at 70.", "I639", "stroke", AssertionStatus.Present));
        Assert.Equal(["Z8249"], Derived("Father MI at age 48.", "I219", "MI", AssertionStatus.Family));
    }

    [Fact]
    public void a_past_prostate_cancer_is_personal_history_of_malignant_neoplasm_of_prostate() =>
        Assert.Equal(["Z8546"], Derived("History of prostate cancer, s/p prostatectomy 2015, PSA undetectable.", "C61", "prostate cancer", AssertionStatus.Historical));

    [Fact]
    public void the_evidence_is_the_mention_itself()
    {
        var note = NotePreparer.Prepare("Family history: mother - breast cancer at 62.");
        var start = note.Text.IndexOf("breast cancer", StringComparison.Ordinal);
        var match = new TermMatch(0, note.SentenceIndexAt(start), start, start + 13, [0]);
        var derived = Assert.Single(HistoryCodes.Derive(note, new CandidateSet([], [new ExcludedMention("C50919", match, AssertionStatus.Family)]), Lexicon).Candidates);
        Assert.Equal("breast cancer", note.Text[derived.Mentions[0].Match.Start..derived.Mentions[0].Match.End]);
    }

    [Fact]
    public void a_past_episode_that_has_ended_is_its_personal_history_code()
    {
        // Index: History, personal (of) - embolism, pulmonary; - cerebral infarction without residual deficits;
        // - myocardial infarction (old); - Methicillin resistant Staphylococcus aureus; - calculi, urinary; - suicidal behavior.
        Assert.Equal(["Z86711"], Derived("PMH: PE in 2022 after knee surgery, completed 6 months of apixaban.", "I2699", "PE", AssertionStatus.Historical));
        Assert.Equal(["Z8673"], Derived("History of stroke in 2019, no residual deficits.", "I639", "stroke", AssertionStatus.Historical));
        Assert.Equal(["I252"], Derived("s/p NSTEMI 2021 treated with a stent.", "I214", "NSTEMI", AssertionStatus.Historical));
        Assert.Equal(["Z8614"], Derived("h/o MRSA abscess of the axilla in 2024.", "B9562", "MRSA", AssertionStatus.Historical));
        Assert.Equal(["Z87442"], Derived("History of kidney stones, none since 2019.", "N200", "kidney stones", AssertionStatus.Historical));
        Assert.Equal(["Z9151"], Derived("Prior suicide attempt at age 19.", "T1491XA", "suicide attempt", AssertionStatus.Historical));
    }

    [Fact]
    public void a_negated_or_hypothetical_mention_and_a_past_chronic_condition_give_nothing()
    {
        Assert.Empty(Derived("No family history of breast cancer.", "C50919", "breast cancer", AssertionStatus.Negated));
        Assert.Empty(Derived("Rule out breast cancer if the lump grows.", "C50919", "breast cancer", AssertionStatus.Hypothetical));
        // The Index has no personal history entry for hypertension: "history of hypertension" is the condition itself.
        Assert.Empty(Derived("History of hypertension, on lisinopril.", "I10", "hypertension", AssertionStatus.Historical));
    }
}
