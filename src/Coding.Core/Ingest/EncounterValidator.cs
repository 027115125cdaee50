using System.Globalization;
using System.Text.RegularExpressions;
using Coding.Core.Encounters;

namespace Coding.Core.Ingest;

/// <summary>Pure validation of incoming encounters: a clear reason per refusal, never the note's content.</summary>
public static partial class EncounterValidator
{
    public static (ValidEncounter? Encounter, string? Error) Validate(EncounterInput input, IngestOptions options, DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(input.ExternalId))
            return (null, "externalId is required");
        if (!ExternalIdPattern().IsMatch(input.ExternalId))
            return (null, "externalId must be 1-128 characters of letters, digits, '.', '_', ':' or '-'");
        if (!TryParseSetting(input.Setting, out var setting))
            return (null, $"setting must be one of {string.Join(", ", Enum.GetNames<CareSetting>().Select(n => n.ToLowerInvariant()))}");
        if (string.IsNullOrWhiteSpace(input.DateOfService))
            return (null, "dateOfService is required (yyyy-MM-dd)");
        if (!DateOnly.TryParseExact(input.DateOfService, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return (null, "dateOfService must be a calendar date in yyyy-MM-dd form");
        if (date < options.EarliestDateOfService)
            return (null, $"dateOfService is before {options.EarliestDateOfService:yyyy-MM-dd}, when ICD-10-CM took effect");
        if (date > today.AddDays(1))
            return (null, "dateOfService is in the future");
        if (input.PatientAge is < 0 or > 130)
            return (null, "patientAge must be between 0 and 130");
        if (!TryParseSex(input.PatientSex, out var sex))
            return (null, "patientSex must be F, M or omitted");
        if (input.Note is null)
            return (null, "note is required");
        if (string.IsNullOrWhiteSpace(input.Note))
            return (null, "note is empty");
        if (input.Note.Length > options.MaxNoteChars)
            return (null, $"note is {input.Note.Length} characters, over the limit of {options.MaxNoteChars}");
        var bad = FirstForbiddenChar(input.Note);
        if (bad >= 0)
            return (null, $"note contains {(char.IsSurrogate(input.Note[bad]) ? "unpaired surrogate" : "control character")} U+{(int)input.Note[bad]:X4} at offset {bad}");
        return (new ValidEncounter(input.ExternalId, setting, date, input.PatientAge, sex, input.Note), null);
    }

    /// <summary>Index of the first C0/C1 control character other than tab, CR and LF, or an unpaired surrogate; -1 if none.</summary>
    public static int FirstForbiddenChar(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\t' or '\n' or '\r')
                continue;
            if (char.IsControl(c))
                return i;
            if (char.IsHighSurrogate(c) && (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1])))
                return i;
            if (char.IsLowSurrogate(c) && (i == 0 || !char.IsHighSurrogate(text[i - 1])))
                return i;
        }
        return -1;
    }

    private static bool TryParseSetting(string? value, out CareSetting setting)
    {
        setting = CareSetting.Outpatient;
        if (string.IsNullOrWhiteSpace(value))
            return false;
        return Enum.TryParse(value, ignoreCase: true, out setting) && Enum.IsDefined(setting) && !int.TryParse(value, out _);
    }

    private static bool TryParseSex(string? value, out PatientSex sex)
    {
        sex = value?.Trim().ToUpperInvariant() switch
        {
            null or "" or "U" or "UNKNOWN" => PatientSex.Unknown,
            "F" or "FEMALE" => PatientSex.Female,
            "M" or "MALE" => PatientSex.Male,
            _ => (PatientSex)(-1),
        };
        return Enum.IsDefined(sex);
    }

    [GeneratedRegex(@"^[A-Za-z0-9._:\-]{1,128}$")]
    private static partial Regex ExternalIdPattern();
}
