using System.ComponentModel.DataAnnotations;

namespace Coding.Core.Notes;

public sealed class NoteProtectionOptions : IValidatableObject
{
    public const string Section = "NoteProtection";

    /// <summary>Key id → base64 of 32 random bytes. Old keys stay here (decrypt only) until their notes are re-encrypted.</summary>
    public Dictionary<string, string?> Keys { get; set; } = [];

    /// <summary>The key new notes are encrypted with.</summary>
    [Required]
    public string ActiveKeyId { get; set; } = "";

    /// <summary>Base64 of 32 random bytes for the note HMAC; kept apart from the encryption keys so rotation does not change hashes.</summary>
    [Required]
    public string HashKey { get; set; } = "";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Keys.ContainsKey(ActiveKeyId))
            yield return new ValidationResult($"NoteProtection:ActiveKeyId '{ActiveKeyId}' is not among NoteProtection:Keys.");
        foreach (var (id, value) in Keys)
        {
            if (!IsKey(value))
                yield return new ValidationResult($"NoteProtection:Keys:{id} must be base64 of exactly 32 bytes.");
        }
        if (!IsKey(HashKey))
            yield return new ValidationResult("NoteProtection:HashKey must be base64 of exactly 32 bytes.");
    }

    private static bool IsKey(string? base64)
    {
        if (string.IsNullOrEmpty(base64))
            return false;
        Span<byte> buffer = stackalloc byte[48];
        return Convert.TryFromBase64String(base64, buffer, out var written) && written == 32;
    }
}
