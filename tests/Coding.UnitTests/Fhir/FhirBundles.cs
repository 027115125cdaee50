using System.Text;
using System.Text.Json.Nodes;

namespace Coding.UnitTests.Fhir;

/// <summary>FHIR R4 Bundles written by hand, as an EHR's interface engine would send them, to take apart in tests.</summary>
public static class FhirBundles
{
    public const string Note = "HPI: Patient Zelda Quux, 71, admitted with acute on chronic systolic heart failure.\nASSESSMENT: Acute on chronic systolic heart failure. Essential hypertension.";

    public static JsonObject Patient() => new()
    {
        ["resourceType"] = "Patient",
        ["id"] = "p1",
        ["identifier"] = new JsonArray(new JsonObject
        {
            ["type"] = Coded("http://terminology.hl7.org/CodeSystem/v2-0203", "MR"),
            ["system"] = "https://ehr.example.org/mrn",
            ["value"] = "MRN-0042",
        }),
        ["name"] = new JsonArray(new JsonObject { ["family"] = "Quux", ["given"] = new JsonArray("Zelda") }),
        ["gender"] = "female",
        ["birthDate"] = "1954-07-09",
    };

    public static JsonObject Encounter() => new()
    {
        ["resourceType"] = "Encounter",
        ["id"] = "e1",
        ["identifier"] = new JsonArray(
            new JsonObject { ["system"] = "https://ehr.example.org/encounter", ["value"] = "FHIR-ENC-1" },
            new JsonObject { ["type"] = Coded("http://terminology.hl7.org/CodeSystem/v2-0203", "AN"), ["value"] = "ACCT-77" }),
        ["status"] = "finished",
        ["class"] = new JsonObject { ["system"] = "http://terminology.hl7.org/CodeSystem/v3-ActCode", ["code"] = "IMP" },
        ["subject"] = new JsonObject { ["reference"] = "urn:uuid:6a1c3c34-0d0e-4a4b-9d6c-7c1a1e0f0001" },
        ["participant"] = new JsonArray(new JsonObject
        {
            ["type"] = new JsonArray(Coded("http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "ATND")),
            ["individual"] = new JsonObject { ["display"] = "Dr. Ada Osler" },
        }),
        ["period"] = new JsonObject { ["start"] = "2026-03-01T22:15:00-05:00", ["end"] = "2026-03-04T11:00:00-05:00" },
        ["hospitalization"] = new JsonObject { ["dischargeDisposition"] = Coded("http://terminology.hl7.org/CodeSystem/discharge-disposition", "snf") },
    };

    public static JsonObject Document(string? note = Note, string contentType = "text/plain; charset=utf-8") => new()
    {
        ["resourceType"] = "DocumentReference",
        ["status"] = "current",
        ["content"] = new JsonArray(new JsonObject
        {
            ["attachment"] = note is null
                ? new JsonObject { ["contentType"] = contentType, ["url"] = "https://ehr.example.org/notes/1" }
                : new JsonObject { ["contentType"] = contentType, ["data"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(note)) },
        }),
    };

    public static JsonObject Coverage() => new()
    {
        ["resourceType"] = "Coverage",
        ["status"] = "active",
        ["beneficiary"] = new JsonObject { ["reference"] = "urn:uuid:6a1c3c34-0d0e-4a4b-9d6c-7c1a1e0f0001" },
        ["payor"] = new JsonArray(new JsonObject { ["display"] = "Acme Health Plan" }),
    };

    /// <summary>A Bundle of these resources, each entry with a urn:uuid fullUrl (and a POST request in a transaction).</summary>
    public static JsonObject Bundle(string type, params JsonObject[] resources) => new()
    {
        ["resourceType"] = "Bundle",
        ["type"] = type,
        ["entry"] = new JsonArray(resources.Select((r, i) =>
        {
            var entry = new JsonObject { ["fullUrl"] = $"urn:uuid:6a1c3c34-0d0e-4a4b-9d6c-7c1a1e0f000{i + 1}", ["resource"] = r };
            if (type == "transaction")
                entry["request"] = new JsonObject { ["method"] = "POST", ["url"] = (string)r["resourceType"]! };
            return (JsonNode)entry;
        }).ToArray()),
    };

    public static JsonObject Valid(string type = "transaction") => Bundle(type, Patient(), Encounter(), Document(), Coverage());

    private static JsonObject Coded(string system, string code) => new() { ["coding"] = new JsonArray(new JsonObject { ["system"] = system, ["code"] = code }) };
}
