using Coding.Core.Codebooks;
using Coding.Core.Engine.Candidates;
using Coding.Core.Engine.Claims;
using Coding.Core.Engine.Lexicon;
using Coding.Core.Engine.Preparation;
using Coding.Core.Suggestions;

namespace Coding.UnitTests.Engine.Claims;

/// <summary>
/// Guidelines I.C.19.e.5: the Table of Drugs row of the drug named, in the column the words around it give (adverse
/// effect, poisoning by intent, underdosing), at the initial encounter; a drug in a medication list gives nothing.
/// </summary>
public class when_a_note_names_a_drug_event
{
    /// <summary>Table cells as the importer stores them ("Row - Column"), and the FY2026 codes they lead to.</summary>
    private static readonly Lazy<TermLexicon> Table = new(() =>
    {
        (string Code, string Title)[] codes =
        [
            ("T402X1", "Poisoning by other opioids, accidental (unintentional)"), ("T402X1A", "Poisoning by other opioids, accidental (unintentional), initial encounter"),
            ("T402X2", "Poisoning by other opioids, intentional self-harm"), ("T402X2A", "Poisoning by other opioids, intentional self-harm, initial encounter"),
            ("T402X5", "Adverse effect of other opioids"), ("T402X5A", "Adverse effect of other opioids, initial encounter"),
            ("T402X6", "Underdosing of other opioids"), ("T402X6A", "Underdosing of other opioids, initial encounter"),
            ("T380X5", "Adverse effect of glucocorticoids and synthetic analogues"), ("T380X5A", "Adverse effect of glucocorticoids and synthetic analogues, initial encounter"),
            ("T43225", "Adverse effect of selective serotonin reuptake inhibitors"), ("T43222", "Poisoning by selective serotonin reuptake inhibitors, intentional self-harm"),
            ("T43222A", "Poisoning by selective serotonin reuptake inhibitors, intentional self-harm, initial encounter"),
        ];
        string[] cells =
        [
            "T402X1|Oxycodone - Poisoning Accidental (unintentional)", "T402X2|Oxycodone - Poisoning Intentional self-harm",
            "T402X5|Oxycodone - Adverse effect", "T402X6|Oxycodone - Underdosing", "T402X5|Opioid NEC - Adverse effect",
            "T380X5|Prednisone - Adverse effect", "T380X5|Glucocorticoids - Adverse effect",
            "T43222|Antidepressant - selective serotonin reuptake inhibitor - Poisoning Intentional self-harm",
            "T43225|Antidepressant - selective serotonin reuptake inhibitor - Adverse effect",
        ];
        var terms = cells.Select((c, i) => new LexiconTerm(i, c.Split('|')[0], TermKind.Drug, c.Split('|')[1]));
        return new TermLexicon(CodeSystem.Icd10Cm, "2026", codes.Select(c => new LexiconCode(c.Code, c.Title, c.Code.Length == 7, null)), terms, []);
    });

    private static IReadOnlyList<string> Events(string text)
    {
        var note = NotePreparer.Prepare(text);
        var set = DrugEvents.Derive(note, new CandidateSet([], []), Table.Value);
        foreach (var c in set.Candidates)
            Assert.All(c.Mentions, m => Assert.Equal(TermKind.Drug, m.Kind));
        return set.Candidates.Select(c => c.Code).Order(StringComparer.Ordinal).ToList();
    }

    [Fact]
    public void a_condition_due_to_a_drug_taken_as_prescribed_is_its_adverse_effect() =>
        Assert.Equal(["T380X5A"], Events("Assessment: Hyperglycemia due to prednisone, taken as prescribed."));

    [Fact]
    public void a_drug_induced_condition_is_its_adverse_effect_also_when_the_note_names_the_class() =>
        Assert.Equal(["T380X5A", "T402X5A"], Events("Assessment: Steroid-induced hyperglycemia. Opioid-induced constipation."));

    [Fact]
    public void an_intentional_overdose_is_a_poisoning_by_self_harm() =>
        Assert.Equal(["T43222A"], Events("Assessment: Intentional overdose of sertraline, suicide attempt."));

    [Fact]
    public void an_overdose_of_unstated_intent_is_accidental() =>
        Assert.Equal(["T402X1A"], Events("Assessment: Oxycodone overdose, took extra doses."));

    [Fact]
    public void a_drug_the_patient_stopped_taking_is_underdosed() =>
        Assert.Equal(["T402X6A"], Events("He ran out of oxycodone last week."));

    [Fact]
    public void a_medication_list_names_no_event() =>
        Assert.Empty(Events("Medications: oxycodone 5 mg every 6 hours as needed, prednisone 10 mg daily."));
}
