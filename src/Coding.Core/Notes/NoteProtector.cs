using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Coding.Core.Notes;

/// <summary>AES-256-GCM encryption of note text, bound to the encounter id so a ciphertext cannot be moved to another row.</summary>
public sealed class NoteProtector
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly Dictionary<string, byte[]> _keys;
    private readonly string _activeKeyId;
    private readonly byte[] _hashKey;

    public NoteProtector(IOptions<NoteProtectionOptions> options)
    {
        var o = options.Value;
        _keys = o.Keys.ToDictionary(k => k.Key, k => Convert.FromBase64String(k.Value!));
        _activeKeyId = o.ActiveKeyId;
        _hashKey = Convert.FromBase64String(o.HashKey);
    }

    public Note Protect(Guid encounterId, string text, DateTimeOffset now)
    {
        var sealedBytes = Seal(text, encounterId.ToByteArray());
        return new Note
        {
            EncounterId = encounterId,
            Ciphertext = sealedBytes,
            KeyId = _activeKeyId,
            TextHmac = Hash(text),
            Length = text.Length,
            CreatedAt = now,
        };
    }

    /// <exception cref="NoteUnreadableException">The key is unknown or the ciphertext was tampered with.</exception>
    public string Unprotect(Note note) => Open(note.EncounterId, note.KeyId, note.Ciphertext, note.EncounterId.ToByteArray(), "note");

    /// <summary>
    /// MRN and account number sealed as one value with the note's keys, bound to the encounter id and to their purpose (so
    /// neither a note's ciphertext nor another encounter's identifiers can be put in their place). Null when both are absent.
    /// </summary>
    public (byte[] Ciphertext, string KeyId)? SealIdentifiers(Guid encounterId, string? mrn, string? accountNumber) =>
        mrn is null && accountNumber is null
            ? null
            : (Seal(JsonSerializer.Serialize(new SealedIdentifiers(mrn, accountNumber)), IdentifiersBinding(encounterId)), _activeKeyId);

    /// <exception cref="NoteUnreadableException">The key is unknown or the ciphertext was tampered with.</exception>
    public (string? Mrn, string? AccountNumber) OpenIdentifiers(Guid encounterId, byte[]? ciphertext, string? keyId)
    {
        if (ciphertext is null || keyId is null)
            return (null, null);
        var plain = JsonSerializer.Deserialize<SealedIdentifiers>(Open(encounterId, keyId, ciphertext, IdentifiersBinding(encounterId), "identifiers"))!;
        return (plain.Mrn, plain.AccountNumber);
    }

    private sealed record SealedIdentifiers(string? Mrn, string? AccountNumber);

    private static byte[] IdentifiersBinding(Guid encounterId) => [.. encounterId.ToByteArray(), .. "identifiers"u8];

    private byte[] Seal(string text, byte[] associatedData)
    {
        var plain = StrictUtf8.GetBytes(text);
        var sealedBytes = new byte[NonceSize + plain.Length + TagSize];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_keys[_activeKeyId], TagSize);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceSize, plain.Length), sealedBytes.AsSpan(NonceSize + plain.Length), associatedData);
        CryptographicOperations.ZeroMemory(plain);
        return sealedBytes;
    }

    private string Open(Guid encounterId, string keyId, byte[] c, byte[] associatedData, string what)
    {
        if (!_keys.TryGetValue(keyId, out var key))
            throw new NoteUnreadableException(encounterId, $"{what} key '{keyId}' is not configured");
        if (c.Length < NonceSize + TagSize)
            throw new NoteUnreadableException(encounterId, $"{what} ciphertext is truncated");
        var plain = new byte[c.Length - NonceSize - TagSize];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(c.AsSpan(0, NonceSize), c.AsSpan(NonceSize, plain.Length), c.AsSpan(NonceSize + plain.Length), plain, associatedData);
            return StrictUtf8.GetString(plain);
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new NoteUnreadableException(encounterId, $"{what} ciphertext failed authentication");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    public byte[] Hash(string text) => HMACSHA256.HashData(_hashKey, Encoding.UTF8.GetBytes(text));
}

/// <summary>Retrying cannot help: the note cannot be decrypted. The message carries only the encounter id.</summary>
public sealed class NoteUnreadableException(Guid encounterId, string reason)
    : Exception($"Note of encounter {encounterId} is unreadable: {reason}.")
{
    public Guid EncounterId { get; } = encounterId;
}
