using Coding.Core.Codebooks;
using Coding.Core.Codebooks.Retrieval;

namespace Coding.UnitTests.Codebooks;

/// <summary>
/// Which Official Guidelines topic is shown first with a code (<see cref="GoverningGuidelines"/>), on sections quoted
/// from the FY2026 guidelines. The measurement over 163 codes and two sets kept apart is `coding bench codebooks`.
/// </summary>
public class when_guidelines_govern_a_code
{
    private static long _id;

    private static GuidelineHit Section(string path, string heading, string text) =>
        new(++_id, GuidelineSource.OfficialGuidelines, 2026, path, heading, 1, null, $"{heading} {text}", 0);

    private static readonly GoverningGuidelines Guidelines = new(
    [
        Section("I.C.1", "1. Chapter 1: Certain Infectious and Parasitic Diseases (A00-B99), U07.1, U09.9", ""),
        Section("I.C.1.d.2", "2) Septic shock", "For cases of septic shock, the code for the systemic infection should be sequenced first, "
            + "followed by code R65.21, Severe sepsis with septic shock or code T81.12, Postprocedural septic shock."),
        Section("I.C.1.d.1.a", "a) Sepsis", "For a diagnosis of sepsis, assign the appropriate code for the underlying systemic infection. "
            + "If the type of infection or causal organism is not further specified, assign code A41.9, Sepsis, unspecified organism."),
        Section("I.C.9", "9. Chapter 9: Diseases of the Circulatory System (I00-I99)", ""),
        Section("I.C.9.a.2", "2) Hypertensive Chronic Kidney Disease", "Assign codes from category I12, Hypertensive chronic kidney "
            + "disease, when both hypertension and a condition classifiable to category N18, Chronic kidney disease (CKD), are present."),
        Section("I.C.10", "10. Chapter 10: Diseases of the Respiratory System (J00-J99), U07.0", ""),
        Section("I.C.10.a", "a. Chronic Obstructive Pulmonary Disease [COPD] and Asthma", ""),
        Section("I.C.10.a.1", "1) Acute exacerbation of chronic obstructive bronchitis and asthma", "The codes in categories J44 and J45 "
            + "distinguish between uncomplicated cases and those in acute exacerbation."),
        Section("I.C.10.b", "b. Acute Respiratory Failure", "Code J96.0, Acute respiratory failure, may be assigned as a principal diagnosis."),
        Section("I.C.11", "11. Chapter 11: Diseases of the Digestive System (K00-K95)", "Reserved for future guideline expansion"),
        Section("I.C.18", "18. Chapter 18: Symptoms, signs, and abnormal clinical and laboratory findings, not elsewhere classified (R00-R99)",
            "Chapter 18 includes symptoms, signs, abnormal results of clinical or other investigative procedures."),
        Section("I.C.18.a", "a. Use of symptom codes", "Codes that describe symptoms and signs are acceptable for reporting purposes when a "
            + "related definitive diagnosis has not been established (confirmed) by the provider."),
        Section("I.C.18.g", "g. SIRS due to Non-Infectious Process", "When SIRS is documented with a noninfectious condition, assign code "
            + "R65.10, SIRS of non-infectious origin without acute organ dysfunction, or code R65.11."),
        Section("I.B.4", "4. Signs and symptoms", "Codes that describe symptoms and signs, as opposed to diagnoses, are acceptable for "
            + "reporting purposes when a related definitive diagnosis has not been established."),
    ]);

    private static string First(string code, string chapter, string titles) => Guidelines.Rank(code, chapter, titles)[0].SectionPath;

    [Fact]
    public void a_topic_of_the_codes_own_chapter_that_fits_its_title_comes_first() =>
        // COPD's words ("chronic", "disease") also fit the hypertensive-CKD section; its own chapter's topic governs it.
        Assert.StartsWith("I.C.10.a", First("J449", "10", "Chronic obstructive pulmonary disease, unspecified Other chronic obstructive pulmonary disease"));

    [Fact]
    public void a_section_that_names_the_code_governs_it_from_another_chapter() =>
        // R65.21 is a chapter 18 code; the sepsis guidelines of chapter 1 name it.
        Assert.Equal("I.C.1.d.2", First("R6521", "18", "Severe sepsis with septic shock Systemic inflammatory response syndrome (SIRS) of non-infectious origin"));

    [Fact]
    public void naming_a_sibling_code_makes_a_section_about_the_category() =>
        // The sepsis section names A41.9; A41.51 is in the same category (Other sepsis).
        Assert.StartsWith("I.C.1.d", First("A4151", "1", "Sepsis due to Escherichia coli [E. coli] Other sepsis"));

    [Fact]
    public void a_topic_that_names_other_codes_of_the_chapter_yields_to_the_chapters_general_rules() =>
        // I.C.18.g is about R65.1-, not chest pain; "Use of symptom codes" governs every symptom code.
        Assert.Equal("I.C.18.a", First("R079", "18", "Chest pain, unspecified Pain in throat and chest"));

    [Fact]
    public void a_reserved_chapter_is_never_shown() =>
        Assert.DoesNotContain(Guidelines.Rank("K219", "11", "Gastro-esophageal reflux disease without esophagitis"), h => h.SectionPath == "I.C.11");

    [Theory]
    [InlineData("I.C.4.a.2.b", "I.C.4.a")]
    [InlineData("I.C.17", "I.C.17")]
    [InlineData("I.B.10.c", "I.B.10")]
    [InlineData("II.K", "II.K")]
    [InlineData("App", "App")]
    public void a_section_belongs_to_the_topic_it_sits_in(string path, string topic) => Assert.Equal(topic, GoverningGuidelines.TopicOf(path));
}
