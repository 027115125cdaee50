using Coding.Core.Privacy;

namespace Coding.UnitTests.Privacy;

/// <summary>
/// Over-redaction: a clinical word taken for a name damages the note and protects no one. These are the causes found
/// by running the de-identifier over CodiEsp and US notes that were already de-identified, written as notes of our own.
/// </summary>
public sealed class when_a_note_holds_clinical_words
{
    private static string Deid(string text) => new SafeHarborDeidentifier(5).Deidentify(text).Text;

    [Theory]
    [InlineData("Immunohistochemical study showed positivity for desmin.", "Immunohistochemical")]
    [InlineData("Postoperatively she was extubated without event.", "Postoperatively")]
    [InlineData("Histopathological examination confirmed the diagnosis.", "Histopathological")]
    [InlineData("Neuroimaging was unremarkable.", "Neuroimaging")]
    [InlineData("Nephrology was consulted for the rising creatinine.", "Nephrology")]
    [InlineData("Levetiracetam was started after the second seizure.", "Levetiracetam")]
    [InlineData("Tocilizumab was given for the cytokine storm.", "Tocilizumab")]
    [InlineData("Intraoral examination showed a mucosal lesion.", "Intraoral")]
    [InlineData("Anteroposterior radiograph of the pelvis.", "Anteroposterior")]
    public void a_capitalised_clinical_word_outside_the_word_lists_stays_when_its_form_is_clinical(string note, string kept) =>
        Assert.Contains(kept, Deid(note), StringComparison.Ordinal);

    [Theory]
    [InlineData("Social: EtOH 2 drinks a week, no NSAIDs.", "EtOH")]
    [InlineData("Social: EtOH 2 drinks a week, no NSAIDs.", "NSAIDs")]
    [InlineData("QTc 452 ms, CLcr 38 mL/min, HBeAg negative.", "CLcr")]
    [InlineData("QTc 452 ms, CLcr 38 mL/min, HBeAg negative.", "HBeAg")]
    public void mixed_case_abbreviations_stay(string note, string kept) =>
        Assert.Contains(kept, Deid(note), StringComparison.Ordinal);

    [Theory]
    [InlineData("Dispo: home with return precautions.", "Dispo:")]
    [InlineData("FHx: mother with breast cancer.", "FHx:")]
    public void a_section_header_stays(string note, string kept) =>
        Assert.Contains(kept, Deid(note), StringComparison.Ordinal);

    [Theory]
    [InlineData("Urinary tract infection due to E. coli, treated.", "E. coli")]
    [InlineData("Proteins S and C, antithrombin III normal.", "S and C")]
    [InlineData("Father with ADHD.", "ADHD")]
    [InlineData("FH: Father MI at 70. ROS negative except as per HPI.", "MI at 70")]
    [InlineData("FH: Father MI at 70. ROS negative except as per HPI.", "per HPI")]
    [InlineData("FH: mother DM2, father CAD.", "mother DM2")]
    [InlineData("Secondary hyperparathyroidism, PTH 880 pg/mL.", "PTH 880")]
    [InlineData("Na 4.1 mmol/L. The potassium was normal.", "mmol/L. The")]
    [InlineData("PMH: HTN, HLD, OSA on CPAP.", "HTN, HLD")]
    [InlineData("Cirrhosis, Child-Pugh class B.", "Child-Pugh class B")]
    [InlineData("A 16 Fr Foley catheter was placed.", "Fr Foley")]
    [InlineData("Accompanied by: daughter (primary caregiver).", "daughter")]
    public void cue_words_before_abbreviations_species_and_scores_remove_nothing(string note, string kept) =>
        Assert.Contains(kept, Deid(note), StringComparison.Ordinal);

    [Theory]
    [InlineData("Father with Huntington's. Consistent with Addison's.", "Huntington's")]
    [InlineData("Father with Huntington's. Consistent with Addison's.", "Addison's")]
    [InlineData("Zenker's diverticulum and a Schatzki ring on barium swallow.", "Zenker's diverticulum and a Schatzki ring")]
    [InlineData("Positive Kussmaul breathing; Chvostek and Trousseau signs.", "Kussmaul")]
    [InlineData("Holter monitor for 48 hours; Ziehl-Neelsen stain negative.", "Ziehl-Neelsen")]
    public void eponyms_stay(string note, string kept) =>
        Assert.Contains(kept, Deid(note), StringComparison.Ordinal);

    [Theory]
    [InlineData("Born in Spain, moved to the US in 2001.", "Spain")]
    [InlineData("Lives with her Guatemalan family.", "Guatemalan")]
    public void a_country_or_nationality_stays_since_it_is_no_subdivision_smaller_than_a_state(string note, string kept) =>
        Assert.Contains(kept, Deid(note), StringComparison.Ordinal);

    [Theory]
    [InlineData("Seen with Dr. Szymanski and Mei-Ling (RN).", "Mei-Ling")]
    [InlineData("Signed -- C. van der Berg", "Berg")]
    [InlineData("Spoke with daughter JoAnn about the plan.", "JoAnn")]
    [InlineData("Contact: LaToya, sister, 2 pm.", "LaToya")]
    public void names_that_look_like_abbreviations_or_compounds_still_go(string note, string name) =>
        Assert.DoesNotContain(name, Deid(note), StringComparison.Ordinal);
}
