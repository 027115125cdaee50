using System.Text;
using System.Text.Json.Nodes;
using Coding.Core.Encounters;
using Coding.Core.Fhir;
using Coding.Core.Ingest;
using static Coding.UnitTests.Fhir.FhirBundles;

namespace Coding.UnitTests.Fhir;

public sealed class when_a_fhir_bundle_is_read
{
    private static (EncounterInput? Input, IReadOnlyList<FhirIssue> Issues) Read(JsonNode bundle) => FhirBundleReader.Read(bundle.ToJsonString());

    private static FhirIssue Refused(JsonNode bundle) => Refused(bundle.ToJsonString());

    private static FhirIssue Refused(string json)
    {
        var (input, issues) = FhirBundleReader.Read(json);
        Assert.Null(input);
        var issue = Assert.Single(issues.Take(1));
        // A Bundle is PHI: no refusal may quote it.
        foreach (var secret in new[] { "Zelda", "Quux", "MRN-0042", "ACCT-77", "heart failure" })
            Assert.All(issues, i => Assert.DoesNotContain(secret, i.Expression + i.Reason, StringComparison.Ordinal));
        return issue;
    }

    [Theory]
    [InlineData("transaction")]
    [InlineData("collection")]
    public void a_transaction_or_collection_becomes_the_ingest_formats_encounter_with_its_account(string type)
    {
        var (input, issues) = Read(Valid(type));
        Assert.Empty(issues);
        Assert.Equal(new EncounterInput("FHIR-ENC-1", "Inpatient", "2026-03-04", 71, "F", Note, "MRN-0042", "ACCT-77", "Acme Health Plan",
            "2026-03-01T22:15:00-05:00", "2026-03-04T11:00:00-05:00", "Dr. Ada Osler", "snf"), input);
        // And it passes the same validator as JSONL and HTTP ingest.
        var (valid, error) = EncounterValidator.Validate(input!, new IngestOptions(), new DateOnly(2026, 11, 23));
        Assert.Null(error);
        Assert.Equal(CareSetting.Inpatient, valid!.Setting);
        Assert.Equal(new DateTimeOffset(2026, 3, 4, 11, 0, 0, TimeSpan.FromHours(-5)), valid.Context!.DischargedAt);
    }

    [Fact]
    public void an_outpatient_visit_is_dated_by_its_start_and_a_composition_may_carry_the_note_in_a_binary()
    {
        var encounter = Encounter();
        encounter["class"]!["code"] = "AMB";
        encounter["period"] = new JsonObject { ["start"] = "2026-03-02T09:30:00-05:00" };
        encounter.Remove("hospitalization");
        var composition = new JsonObject
        {
            ["resourceType"] = "Composition",
            ["status"] = "final",
            ["type"] = new JsonObject { ["text"] = "Progress note" },
            ["date"] = "2026-03-02T10:00:00-05:00",
            ["author"] = new JsonArray(new JsonObject { ["display"] = "Dr. Ada Osler" }),
            ["title"] = "Progress note",
            ["section"] = new JsonArray(new JsonObject { ["entry"] = new JsonArray(new JsonObject { ["reference"] = "Binary/note-1" }) }),
        };
        var binary = new JsonObject { ["resourceType"] = "Binary", ["id"] = "note-1", ["contentType"] = "text/plain", ["data"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(Note)) };
        var (input, issues) = Read(Bundle("collection", Patient(), encounter, composition, binary));
        Assert.Empty(issues);
        Assert.Equal(("Outpatient", "2026-03-02", Note), (input!.Setting, input.DateOfService, input.Note));
    }

    [Theory]
    [InlineData("Patient", "Bundle.entry.resource.ofType(Patient)")]
    [InlineData("Encounter", "Bundle.entry.resource.ofType(Encounter)")]
    [InlineData("DocumentReference", "Bundle.entry")]
    public void a_bundle_missing_a_part_is_refused_naming_it(string missing, string where)
    {
        var all = new[] { Patient(), Encounter(), Document() };
        var issue = Refused(Bundle("transaction", all.Where(r => (string)r["resourceType"]! != missing).ToArray()));
        Assert.Equal(where, issue.Expression);
    }

    [Fact]
    public void two_notes_or_two_encounters_are_refused() =>
        Assert.Contains("exactly one", Refused(Bundle("collection", Patient(), Encounter(), Document(), Document())).Reason, StringComparison.Ordinal);

    [Fact]
    public void a_resource_that_is_not_a_bundle_or_a_bundle_of_another_type_is_refused()
    {
        Assert.Equal("POST /fhir/Bundle takes a Bundle", Refused(Patient()).Reason);
        var searchset = Valid();
        searchset["type"] = "searchset";
        Assert.Equal(("Bundle.type", "must be transaction or collection"), (Refused(searchset).Expression, Refused(searchset).Reason));
    }

    [Fact]
    public void a_value_of_the_wrong_type_is_refused_with_the_sdks_error_code_and_never_the_value()
    {
        var bundle = Valid();
        bundle["entry"]![0]!["resource"]!["birthDate"] = new JsonArray("Zelda Quux");
        Assert.StartsWith("not valid FHIR R4 JSON (", Refused(bundle).Reason, StringComparison.Ordinal);
        var encounter = Valid();
        encounter["entry"]![1]!["resource"]!["period"]!["start"] = "Zelda Quux";
        Assert.StartsWith("not valid FHIR R4 JSON (", Refused(encounter).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void base64_garbage_in_the_attachment_is_refused_without_quoting_it()
    {
        var bundle = Valid();
        bundle["entry"]![2]!["resource"]!["content"]![0]!["attachment"]!["data"] = "Zelda Quux has heart failure!!";
        Assert.StartsWith("not valid FHIR R4 JSON (", Refused(bundle).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void an_attachment_that_is_not_utf8_text_or_not_inline_is_refused()
    {
        var latin1 = Valid();
        latin1["entry"]![2]!["resource"]!["content"]![0]!["attachment"]!["data"] = Convert.ToBase64String([0x48, 0x50, 0x49, 0x3A, 0xE9, 0x20]);
        Assert.Equal(("DocumentReference.content.attachment.data", "is not valid UTF-8 (bad byte at offset 4)"), Pair(Refused(latin1)));
        Assert.Equal("must be text/plain", Refused(Bundle("transaction", Patient(), Encounter(), Document(contentType: "application/pdf"))).Reason);
        Assert.Equal("charset must be utf-8", Refused(Bundle("transaction", Patient(), Encounter(), Document(contentType: "text/plain; charset=iso-8859-1"))).Reason);
        Assert.StartsWith("is required: the note travels inline", Refused(Bundle("transaction", Patient(), Encounter(), Document(note: null))).Reason,
            StringComparison.Ordinal);
    }

    [Fact]
    public void an_encounter_class_the_coder_has_no_setting_for_is_refused()
    {
        var encounter = Encounter();
        encounter["class"]!["code"] = "HH";
        Assert.Equal("Encounter.class", Refused(Bundle("transaction", Patient(), encounter, Document())).Expression);
    }

    [Fact]
    public void json_that_is_not_json_is_refused_without_quoting_it() =>
        Assert.StartsWith("not valid FHIR R4 JSON", Refused("{\"resourceType\": \"Bundle\", \"note\": \"Zelda Quux\" oops").Reason, StringComparison.Ordinal);

    [Fact]
    public void a_validator_reason_points_at_the_bundle_element_it_came_from() =>
        Assert.Equal("Encounter.period.start", FhirBundleReader.PathOf("admitAt must be a date-time with its offset"));

    private static (string, string) Pair(FhirIssue i) => (i.Expression, i.Reason);
}
