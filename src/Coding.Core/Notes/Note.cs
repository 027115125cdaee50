namespace Coding.Core.Notes;

/// <summary>
/// The clinical note of an encounter, encrypted at rest. Only <see cref="NoteProtector"/> turns it back into text,
/// and every such read is audit-logged by the caller.
/// </summary>
public class Note
{
    public Guid EncounterId { get; set; }

    /// <summary>nonce ‖ ciphertext ‖ tag (AES-256-GCM), bound to the encounter id as associated data.</summary>
    public required byte[] Ciphertext { get; set; }

    /// <summary>Which configured key encrypted it, so keys can be rotated without re-encrypting everything at once.</summary>
    public required string KeyId { get; set; }

    /// <summary>HMAC-SHA256 of the text: detects re-ingestion of the same note without storing or logging it.</summary>
    public required byte[] TextHmac { get; set; }

    /// <summary>Length in UTF-16 chars; evidence offsets are validated against it.</summary>
    public int Length { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
