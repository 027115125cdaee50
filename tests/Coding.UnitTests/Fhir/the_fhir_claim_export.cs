using System.Text.Json.Nodes;
using Coding.Core.Encounters;
using Coding.Core.Fhir;
using Coding.Core.Reviewing;
using Coding.Core.Suggestions;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Validation;
using CodeSystem = Coding.Core.Suggestions.CodeSystem;

namespace Coding.UnitTests.Fhir;

public sealed class the_fhir_claim_export
{
    private static readonly FinalizedEncounter Encounter = new(
        Guid.Parse("0b6f2d8e-6a59-4a3e-9d4f-1f1d7c1e2a10"), "ENC-42", CareSetting.Inpatient, new DateOnly(2026, 3, 2),
        new DateTimeOffset(2026, 3, 5, 14, 30, 0, TimeSpan.Zero), "coder",
        [
            new FinalCode(CodeSystem.Icd10Cm, "J18.1", "Lobar pneumonia, unspecified organism", "2026", 1, "engine", [new SpanView(10, 26)]),
            new FinalCode(CodeSystem.Icd10Pcs, "0BJ08ZZ", "Inspection of Tracheobronchial Tree, Endo", "2026", 2, "coder", [new SpanView(30, 40)]),
            new FinalCode(CodeSystem.Icd10Cm, "I10", "Essential (primary) hypertension", "2026", 3, "engine", [new SpanView(50, 72)]),
            new FinalCode(CodeSystem.Cpt, "99223", "Initial hospital care", "2026", 4, "coder", [new SpanView(80, 90)]),
            new FinalCode(CodeSystem.Hcpcs, "J0696", "Injection, ceftriaxone sodium, per 250 mg", "2026", 5, "coder", [new SpanView(95, 105)]),
        ]);

    private static readonly FhirIdentifierSystems Systems = new() { Encounter = "https://ehr.example.org/encounter", Mrn = "https://ehr.example.org/mrn",
        Account = "https://ehr.example.org/account" };

    private static readonly FinalizedEncounter WithContext = Encounter with
    {
        Context = new EncounterContext("MRN-0042", "ACCT-77", "Acme Health Plan", new DateTimeOffset(2026, 2, 27, 22, 15, 0, TimeSpan.FromHours(-5)),
            new DateTimeOffset(2026, 3, 2, 11, 0, 0, TimeSpan.FromHours(-5)), "Dr. Ada Osler", "snf"),
    };

    private static JsonNode Claim() => JsonNode.Parse(FhirClaimExport.ToJson(Encounter, Systems))!;

    private static (string System, string Code) Coding(JsonNode? concept) =>
        ((string)concept!["coding"]![0]!["system"]!, (string)concept["coding"]![0]!["code"]!);

    [Fact]
    public void is_an_r4_claim_with_every_required_element()
    {
        var claim = Claim();
        Assert.Equal("Claim", (string)claim["resourceType"]!);
        Assert.Equal(Encounter.EncounterId.ToString(), (string)claim["id"]!);
        Assert.Equal("draft", (string)claim["status"]!);
        Assert.Equal("claim", (string)claim["use"]!);
        Assert.Equal(("http://terminology.hl7.org/CodeSystem/claim-type", "institutional"), Coding(claim["type"]));
        Assert.Equal("2026-03-05T14:30:00Z", (string)claim["created"]!);
        Assert.Equal("2026-03-02", (string)claim["billablePeriod"]!["start"]!);
        foreach (var required in new[] { "patient", "provider", "priority", "insurance" })
            Assert.NotNull(claim[required]);
        Assert.Equal("ENC-42", (string)claim["identifier"]![0]!["value"]!);
    }

    [Fact]
    public void reads_back_through_the_sdk_as_a_claim_its_validator_accepts()
    {
        var claim = new FhirJsonDeserializer().Deserialize<Hl7.Fhir.Model.Claim>(FhirClaimExport.ToJson(WithContext, Systems));
        Assert.Empty(claim.Validate(ModelInfo.ModelInspector, NarrativeValidationKind.FhirXhtml, null, true));
        Assert.Equal(["J18.1", "I10"], claim.Diagnosis.Select(d => ((CodeableConcept)d.Diagnosis).Coding[0].Code));
        Assert.Equal(ClaimUseCode.Claim, claim.Use);
    }

    [Fact]
    public void the_billable_period_is_the_stay_and_the_account_context_goes_where_billing_reads_it()
    {
        var claim = JsonNode.Parse(FhirClaimExport.ToJson(WithContext, Systems))!;
        Assert.Equal("2026-02-27T22:15:00-05:00", (string)claim["billablePeriod"]!["start"]!);
        Assert.Equal("2026-03-02T11:00:00-05:00", (string)claim["billablePeriod"]!["end"]!);
        var patient = claim["patient"]!["identifier"]!;
        Assert.Equal(("https://ehr.example.org/mrn", "MRN-0042"), ((string)patient["system"]!, (string)patient["value"]!));
        Assert.Equal((FhirClaimExport.IdentifierType, "MR"), Coding(patient["type"]));
        var identifiers = claim["identifier"]!.AsArray();
        Assert.Equal(("https://ehr.example.org/encounter", "ENC-42"), ((string)identifiers[0]!["system"]!, (string)identifiers[0]!["value"]!));
        Assert.Equal(("https://ehr.example.org/account", "ACCT-77"), ((string)identifiers[1]!["system"]!, (string)identifiers[1]!["value"]!));
        Assert.Equal("AN", Coding(identifiers[1]!["type"]).Code);
        Assert.Equal("Acme Health Plan", (string)claim["insurance"]![0]!["coverage"]!["display"]!);
        Assert.Equal("Dr. Ada Osler", (string)claim["careTeam"]![0]!["provider"]!["display"]!);
        var discharge = claim["supportingInfo"]![0]!;
        Assert.Equal((FhirClaimExport.InformationCategory, "discharge"), Coding(discharge["category"]));
        Assert.Equal((DischargeDispositions.System, "snf"), Coding(discharge["code"]));
    }

    [Fact]
    public void a_claim_the_sdk_validator_refuses_is_never_exported()
    {
        var broken = Encounter with { Codes = [Encounter.Codes[0] with { Code = " " }] };
        var e = Assert.Throws<InvalidOperationException>(() => FhirClaimExport.ToJson(broken, Systems));
        Assert.Contains("validation", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void puts_diagnoses_procedures_and_line_items_under_their_code_system_uris()
    {
        var claim = Claim();
        var diagnoses = claim["diagnosis"]!.AsArray();
        Assert.Equal([("http://hl7.org/fhir/sid/icd-10-cm", "J18.1"), ("http://hl7.org/fhir/sid/icd-10-cm", "I10")], diagnoses.Select(d => Coding(d!["diagnosisCodeableConcept"])));
        Assert.Equal([1, 2], diagnoses.Select(d => (int)d!["sequence"]!));
        Assert.Equal("principal", (string)diagnoses[0]!["type"]![0]!["coding"]![0]!["code"]!);
        Assert.Null(diagnoses[1]!["type"]);
        Assert.Equal(("http://www.cms.gov/Medicare/Coding/ICD10", "0BJ08ZZ"), Coding(Assert.Single(claim["procedure"]!.AsArray())!["procedureCodeableConcept"]));
        Assert.Equal(
            [("http://www.ama-assn.org/go/cpt", "99223"), ("urn:oid:2.16.840.1.113883.6.285", "J0696")],
            claim["item"]!.AsArray().Select(i => Coding(i!["productOrService"])));
        Assert.Equal("Lobar pneumonia, unspecified organism", (string)diagnoses[0]!["diagnosisCodeableConcept"]!["coding"]![0]!["display"]!);
    }

    [Fact]
    public void an_outpatient_encounter_without_procedures_is_a_professional_claim_without_empty_arrays()
    {
        var claim = JsonNode.Parse(FhirClaimExport.ToJson(Encounter with { Setting = CareSetting.Outpatient, Codes = [Encounter.Codes[2]] }, Systems))!;
        Assert.Equal("professional", Coding(claim["type"]).Code);
        Assert.Null(claim["procedure"]);
        Assert.Null(claim["item"]);
        Assert.Single(claim["diagnosis"]!.AsArray());
    }

    /// <summary>Inpatient, the engine's second diagnosis made principal by the coder, POA recorded on each diagnosis.</summary>
    private static readonly FinalizedEncounter WithRoles = Encounter with
    {
        Codes =
        [
            Encounter.Codes[0] with { Poa = PresentOnAdmission.Yes },
            Encounter.Codes[1],
            Encounter.Codes[2] with { Role = DiagnosisRole.Principal, Poa = PresentOnAdmission.Exempt },
            new FinalCode(CodeSystem.Icd10Cm, "E11.9", "Type 2 diabetes mellitus without complications", "2026", 4, "coder", [new SpanView(110, 120)],
                Poa: PresentOnAdmission.Undetermined),
            Encounter.Codes[3],
        ],
    };

    private static JsonArray Diagnoses(FinalizedEncounter e) => JsonNode.Parse(FhirClaimExport.ToJson(e, Systems))!["diagnosis"]!.AsArray();

    [Fact]
    public void the_principal_diagnosis_is_sequence_1_and_typed_principal_wherever_it_was_ranked()
    {
        var diagnoses = Diagnoses(WithRoles);
        Assert.Equal(["I10", "J18.1", "E11.9"], diagnoses.Select(d => Coding(d!["diagnosisCodeableConcept"]).Code));
        Assert.Equal([1, 2, 3], diagnoses.Select(d => (int)d!["sequence"]!));
        Assert.Equal((FhirClaimExport.DiagnosisType, "principal"), Coding(diagnoses[0]!["type"]![0]));
        Assert.All(diagnoses.Skip(1), d => Assert.Null(d!["type"]));
    }

    [Fact]
    public void an_outpatient_first_listed_diagnosis_is_typed_principal_too()
    {
        var outpatient = WithRoles with
        {
            Setting = CareSetting.Outpatient,
            Codes = [.. WithRoles.Codes.Select(c => c.Role == DiagnosisRole.Principal ? c with { Role = DiagnosisRole.FirstListed } : c)],
        };
        var diagnoses = Diagnoses(outpatient);
        Assert.Equal("I10", Coding(diagnoses[0]!["diagnosisCodeableConcept"]).Code);
        Assert.Equal("principal", Coding(diagnoses[0]!["type"]![0]).Code);
    }

    [Fact]
    public void inpatient_diagnoses_carry_on_admission_except_exempt_codes_and_codes_without_one()
    {
        var diagnoses = Diagnoses(WithRoles with { Codes = [.. WithRoles.Codes, new FinalCode(CodeSystem.Icd10Cm, "N40.0", "BPH", "2026", 6, "engine", [])] });
        var onAdmission = diagnoses.ToDictionary(d => Coding(d!["diagnosisCodeableConcept"]).Code, d => d!["onAdmission"]);
        Assert.Equal((FhirClaimExport.OnAdmission, "y"), Coding(onAdmission["J18.1"]));
        Assert.Equal((FhirClaimExport.OnAdmission, "w"), Coding(onAdmission["E11.9"]));
        Assert.Null(onAdmission["I10"]);     // exempt: reported without an indicator
        Assert.Null(onAdmission["N40.0"]);   // never recorded
    }

    [Fact]
    public void an_outpatient_claim_carries_no_on_admission() =>
        Assert.All(Diagnoses(WithRoles with { Setting = CareSetting.Emergency }), d => Assert.Null(d!["onAdmission"]));

    [Theory]
    [InlineData(PresentOnAdmission.Yes, "Y")]
    [InlineData(PresentOnAdmission.No, "N")]
    [InlineData(PresentOnAdmission.Unknown, "U")]
    [InlineData(PresentOnAdmission.Undetermined, "W")]
    [InlineData(PresentOnAdmission.Exempt, "")]
    [InlineData(null, null)]
    public void the_json_export_gives_the_claim_forms_poa_letter(PresentOnAdmission? poa, string? letter) =>
        Assert.Equal(letter, (Encounter.Codes[0] with { Poa = poa }).PoaIndicator);
}
