using Coding.Core.Encounters;
using Coding.Core.Ingest;

namespace Coding.UnitTests.Ingest;

/// <summary>The account context of the ingest format: MRN, account number, payer, stay, attending, disposition.</summary>
public sealed class when_an_encounter_comes_with_its_account
{
    private static readonly IngestOptions Options = new() { MaxNoteChars = 2_000 };
    private static readonly DateOnly Today = new(2026, 11, 23);

    private static EncounterInput Good => new("ENC-1", "inpatient", "2026-03-04", 54, "F", "Assessment: pneumonia.",
        Mrn: "MRN-0042", AccountNumber: "A.7781_2", Payer: " Acme Health Plan ", AdmitAt: "2026-03-01T22:15:00-05:00",
        DischargeAt: "2026-03-04T11:00:00-05:00", Attending: "Dr. Ada Osler", DischargeDisposition: "SNF");

    private static void AssertRefused(EncounterInput input, string reason)
    {
        var (valid, error) = EncounterValidator.Validate(input, Options, Today);
        Assert.Null(valid);
        Assert.StartsWith(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void every_part_is_kept_parsed_with_its_offset()
    {
        var context = EncounterValidator.Validate(Good, Options, Today).Encounter!.Context!;
        Assert.Equal(new EncounterContext("MRN-0042", "A.7781_2", "Acme Health Plan", new DateTimeOffset(2026, 3, 1, 22, 15, 0, TimeSpan.FromHours(-5)),
            new DateTimeOffset(2026, 3, 4, 11, 0, 0, TimeSpan.FromHours(-5)), "Dr. Ada Osler", "snf"), context);
    }

    [Fact]
    public void an_encounter_without_any_of_it_has_no_context() =>
        Assert.Null(EncounterValidator.Validate(new EncounterInput("ENC-1", "outpatient", "2026-03-04", 54, "F", "Note."), Options, Today).Encounter!.Context);

    [Theory]
    [InlineData("123 45 6789", "mrn must be")]
    [InlineData("", "mrn must be")]
    [InlineData("M<script>", "mrn must be")]
    public void an_mrn_not_of_the_identifier_shape_is_refused_without_echoing_it(string mrn, string reason)
    {
        AssertRefused(Good with { Mrn = mrn }, reason);
        var (_, error) = EncounterValidator.Validate(Good with { Mrn = mrn }, Options, Today);
        Assert.DoesNotContain("6789", error!, StringComparison.Ordinal);
    }

    [Fact]
    public void an_account_number_not_of_the_identifier_shape_is_refused() =>
        AssertRefused(Good with { AccountNumber = new string('7', 41) }, "accountNumber must be");

    [Theory]
    [InlineData("2026-03-01", "admitAt must be a date-time with its offset")]
    [InlineData("2026-03-01T22:15:00", "admitAt must be a date-time with its offset")]
    [InlineData("2026-02-30T22:15:00Z", "admitAt must be a date-time with its offset")]
    [InlineData("yesterday", "admitAt must be a date-time with its offset")]
    [InlineData("2026-03-05T08:00:00-05:00", "dischargeAt is before admitAt")]
    public void an_admission_that_is_not_an_instant_or_not_before_discharge_is_refused(string admit, string reason) =>
        AssertRefused(Good with { AdmitAt = admit }, reason);

    [Fact]
    public void a_date_of_service_before_the_admission_is_refused() =>
        AssertRefused(Good with { DateOfService = "2026-02-28" }, "dateOfService is before admitAt");

    [Theory]
    [InlineData("2026-03-03T23:00:00-05:00", "dateOfService is after dischargeAt")]
    [InlineData("2026-11-30T10:00:00Z", "dischargeAt is in the future")]
    public void a_discharge_before_the_date_of_service_or_in_the_future_is_refused(string discharge, string reason) =>
        AssertRefused(Good with { DischargeAt = discharge }, reason);

    [Fact]
    public void a_disposition_outside_the_fhir_code_system_or_without_a_discharge_is_refused()
    {
        AssertRefused(Good with { DischargeDisposition = "01" }, "dischargeDisposition must be one of home,");
        AssertRefused(Good with { DischargeAt = null }, "dischargeDisposition needs dischargeAt");
    }

    [Theory]
    [InlineData("payer", "", "payer must be 1-100 characters")]
    [InlineData("payer", "Acme\u202EPlan", "payer contains a control or invisible formatting character")]
    [InlineData("attending", "Dr.\u0007Osler", "attending contains a control or invisible formatting character")]
    public void names_must_be_short_printable_text(string field, string value, string reason) =>
        AssertRefused(field == "payer" ? Good with { Payer = value } : Good with { Attending = value }, reason);
}
