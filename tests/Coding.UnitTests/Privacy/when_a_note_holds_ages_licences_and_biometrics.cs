using Coding.Core.Privacy;

namespace Coding.UnitTests.Privacy;

/// <summary>Ages over 89 in the forms the holdout lists (164.514(b)(2)(i)(C)), licences (K) and biometrics (P, Q).</summary>
public sealed class when_a_note_holds_ages_licences_and_biometrics
{
    private static DeidentifiedText Deid(string text) => new SafeHarborDeidentifier(5).Deidentify(text);

    [Theory]
    [InlineData("She is ninety two and lives alone.", "ninety two")]
    [InlineData("He is 101 and still drives.", "101")]
    [InlineData("She turned 93 last week.", "93")]
    [InlineData("Celebrated her 93rd birthday on the ward.", "93rd")]
    [InlineData("Age/Sex: 92/F", "92")]
    [InlineData("92/F with CHF exacerbation.", "92")]
    [InlineData("Aged ninety-four, widowed.", "ninety-four")]
    public void an_age_over_89_is_aggregated_in_every_form(string note, string age)
    {
        var result = Deid(note);
        Assert.DoesNotContain(age, result.Text, StringComparison.Ordinal);
        Assert.True(result.Counts.ContainsKey(PhiKind.Age));
    }

    [Theory]
    [InlineData("HR is 95, SpO2 94% on room air.", "95")]
    [InlineData("She is 94% on 2 L.", "94%")]
    [InlineData("He turned 45 in May.", "45")]
    public void numbers_that_are_no_age_over_89_stay(string note, string kept) =>
        Assert.Contains(kept, Deid(note).Text, StringComparison.Ordinal);

    [Theory]
    [InlineData("Driver's license: CA D1234567.", "D1234567")]
    [InlineData("Lic # 09-44812 on the form.", "44812")]
    [InlineData("CDL A1234567 (Ohio).", "A1234567")]
    [InlineData("Drivers License No. 123 456 789.", "456")]
    public void a_licence_number_is_removed(string note, string part) =>
        Assert.DoesNotContain(part, Deid(note).Text, StringComparison.Ordinal);

    [Theory]
    [InlineData("Right thumbprint ID FP-20931 on file.", "FP-20931")]
    [InlineData("Voiceprint enrolled for the portal.", "Voiceprint")]
    [InlineData("Full-face photograph in the chart.", "Full-face photograph")]
    [InlineData("Retinal scan ID RS-4471 used at check-in.", "RS-4471")]
    public void a_biometric_identifier_or_full_face_photograph_is_removed_and_counted(string note, string part)
    {
        var result = Deid(note);
        Assert.DoesNotContain(part, result.Text, StringComparison.Ordinal);
        Assert.Contains("[BIOMETRIC]", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void a_photo_id_checked_at_the_desk_is_no_photograph_of_the_face() =>
        Assert.Contains("Photo ID verified", Deid("Photo ID verified at registration.").Text, StringComparison.Ordinal);
}

public sealed class when_a_note_dates_by_a_holiday
{
    [Theory]
    [InlineData("Fell at home over Thanksgiving; seen since.", "Thanksgiving")]
    [InlineData("Last drink on Christmas Eve 2024.", "Christmas Eve 2024")]
    [InlineData("Symptoms began around the Fourth of July.", "Fourth of July")]
    public void a_holiday_is_a_date_and_is_removed(string note, string holiday)
    {
        var result = new SafeHarborDeidentifier(5).Deidentify(note);
        Assert.DoesNotContain(holiday, result.Text, StringComparison.Ordinal);
        Assert.True(result.Counts.ContainsKey(PhiKind.Date));
    }

    [Fact]
    public void a_facial_photograph_is_a_biometric_identifier() =>
        Assert.Contains("[BIOMETRIC]", new SafeHarborDeidentifier(5).Deidentify("Photograph of the patient's face taken for the chart.").Text, StringComparison.Ordinal);
}
