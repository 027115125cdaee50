using Coding.Core.Evaluation;

namespace Coding.UnitTests.Evaluation;

public class when_a_jsonl_gold_set_is_read
{
    private const string TwoLines =
        """
        {"externalId": "G-1", "note": "Type 2 diabetes. Appendectomy.", "codes": [{"system": "ICD-10-CM", "code": "e11.9", "spans": [[0, 15]]}, {"system": "ICD-10-PCS", "code": "0DTJ4ZZ", "spans": [[17, 29]]}]}

        {"externalId": "G-2", "note": "Well visit.", "codes": []}
        """;

    [Fact]
    public void each_line_becomes_a_document_with_codes_and_spans()
    {
        var documents = GoldJsonl.Read(new StringReader(TwoLines));

        Assert.Equal(["G-1", "G-2"], documents.Select(d => d.ExternalId));
        var diabetes = documents[0].Codes[0];
        Assert.Equal(new GoldCode("ICD-10-CM", "E11.9", diabetes.Spans), diabetes);
        Assert.Equal([new GoldSpan(0, 15)], diabetes.Spans);
        Assert.Equal("Type 2 diabetes", documents[0].Note[0..15]);
    }

    [Fact]
    public void the_encounter_fields_and_roles_are_read()
    {
        var line = """{"externalId": "US-1", "setting": "emergency", "dateOfService": "2025-10-14", "patientAge": 58, "patientSex": "F", "note": "Pneumonia. Cough.", """ +
            """ "codes": [{"system": "ICD-10-CM", "code": "J18.9", "role": "first-listed"}, {"system": "ICD-10-CM", "code": "R05.9", "role": "secondary"}]}""";

        var document = Assert.Single(GoldJsonl.Read(new StringReader(line)));

        Assert.Equal(Coding.Core.Encounters.CareSetting.Emergency, document.Setting);
        Assert.Equal(new DateOnly(2025, 10, 14), document.DateOfService);
        Assert.Equal(58, document.PatientAge);
        Assert.Equal(Coding.Core.Encounters.PatientSex.Female, document.PatientSex);
        Assert.Equal("J18.9", document.Lead?.Code);
        Assert.Equal(Coding.Core.Suggestions.DiagnosisRole.Secondary, document.Codes[1].Role);
    }

    [Fact]
    public void the_gold_set_of_one_system_keeps_documents_without_codes_as_empty()
    {
        var gold = GoldJsonl.ToGoldSet(GoldJsonl.Read(new StringReader(TwoLines)));

        Assert.Equal(["E11.9"], gold["G-1"]);
        Assert.Empty(gold["G-2"]);
        Assert.Equal(["0DTJ4ZZ"], GoldJsonl.ToGoldSet(GoldJsonl.Read(new StringReader(TwoLines)), GoldJsonl.Icd10Pcs)["G-1"]);
    }

    [Theory]
    [InlineData("""{"externalId": "G-1", "note": "Fever.", "codes": [{"system": "ICD-10-CM", "code": "R50.9", "spans": [[0, 99]]}]}""", "spans[0]")]
    [InlineData("""{"externalId": "G-1", "note": "Fever.", "codes": [{"system": "ICD-10-CM", "spans": []}]}""", "needs system and code")]
    [InlineData("""{"note": "Fever."}""", "externalId is required")]
    [InlineData("""{"externalId": "G-1", "note": "Fever.", "setting": "ward"}""", "setting must be")]
    [InlineData("""{"externalId": "G-1", "note": "Fever.", "dateOfService": "03/01/2026"}""", "dateOfService must be yyyy-MM-dd")]
    [InlineData("""{"externalId": "G-1", "note": "Fever.", "patientSex": "X"}""", "patientSex must be")]
    [InlineData("""{"externalId": "G-1", "note": "Fever.", "codes": [{"system": "ICD-10-CM", "code": "R50.9", "role": "main"}]}""", "role must be")]
    [InlineData("""{"externalId": "G-1", "note": "Fever.", "codes": [{"system": "ICD-10-CM", "code": "R50.9", "role": "principal"}, {"system": "ICD-10-CM", "code": "R05.9", "role": "first-listed"}]}""", "more than one code")]
    [InlineData("""{"externalId": "G-1", "note": "Fever.", "codes": [}""", "malformed JSON")]
    public void a_bad_line_is_refused_naming_the_line_and_field_but_not_the_note(string line, string reason)
    {
        var error = Assert.Throws<FormatException>(() => GoldJsonl.Read(new StringReader(line)));

        Assert.Contains("line 1", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Fever", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void a_repeated_external_id_is_refused()
    {
        const string lines = "{\"externalId\": \"G-1\", \"note\": \"a\"}\n{\"externalId\": \"G-1\", \"note\": \"b\"}";

        Assert.Contains("line 2", Assert.Throws<FormatException>(() => GoldJsonl.Read(new StringReader(lines))).Message, StringComparison.Ordinal);
    }
}
