using Coding.Core.Encounters;
using Coding.Core.Ingest;

namespace Coding.IntegrationTests.Infrastructure;

internal static class SampleEncounters
{
    public static IEnumerable<ValidEncounter> Make(int count, string prefix = "IT") =>
        Enumerable.Range(1, count).Select(i => new ValidEncounter(
            $"{prefix}-{i:D5}",
            (CareSetting)(i % 5),
            new DateOnly(2026, 3, 1).AddDays(i % 180),
            20 + i % 70,
            i % 2 == 0 ? PatientSex.Female : PatientSex.Male,
            $"ASSESSMENT: Essential hypertension, visit {i}. Type 2 diabetes mellitus without complications.\nPLAN: Continue lisinopril."));
}
