using Coding.Core.Privacy;

namespace Coding.UnitTests.Privacy;

public sealed class when_a_note_names_people
{
    private static string Deid(string text) => new SafeHarborDeidentifier(5).Deidentify(text).Text;

    [Theory]
    [InlineData("Her daughter Hope called twice overnight.", "Hope")]
    [InlineData("Son Will drove her in; Will keeps her medication list.", "Will")]
    [InlineData("Wife June at bedside.", "June")]
    [InlineData("Caller: Grace, neighbor, found him on the floor.", "Grace")]
    public void a_first_name_after_a_relationship_word_is_removed_even_when_it_is_a_common_word(string note, string name) =>
        Assert.DoesNotContain(name, Deid(note), StringComparison.Ordinal);

    [Theory]
    [InlineData("PATIENT: OKONKWO-BAKER, ADAEZE M   MRN: 4431-220", "OKONKWO")]
    [InlineData("Seen with Mr. D'Angelo and Ms. de la Cruz.", "Angelo")]
    [InlineData("Seen with Mr. D'Angelo and Ms. de la Cruz.", "Cruz")]
    [InlineData("Electronically signed: Priya Raman, MD 03/02/2026", "Raman")]
    [InlineData("I saw and examined the patient. -- K. Oyelaran", "Oyelaran")]
    [InlineData("Spoke with Colleen (daughter) at 2 pm.", "Colleen")]
    public void names_in_every_form_are_removed(string note, string part) =>
        Assert.DoesNotContain(part, Deid(note), StringComparison.Ordinal);

    [Theory]
    [InlineData("History of Bell's palsy, left, resolved.", "Bell's palsy")]
    [InlineData("Follicular lymphoma, Ann Arbor stage III.", "Ann Arbor stage")]
    [InlineData("Glasgow Coma Scale 15, negative Romberg sign.", "Glasgow Coma Scale 15")]
    [InlineData("Patient Health Questionnaire (PHQ-9) score 14.", "Patient Health Questionnaire")]
    [InlineData("Positive Murphy's sign; 12-lead ECG with sinus rhythm.", "Murphy's sign; 12-lead")]
    [InlineData("Braden 14, Morse 75; Graves disease on methimazole.", "Braden 14, Morse 75; Graves disease")]
    public void eponyms_and_named_scales_stay(string note, string kept) =>
        Assert.Contains(kept, Deid(note), StringComparison.Ordinal);
}
