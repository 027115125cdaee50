using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.Options;

namespace Coding.Api.Hosting;

/// <summary>
/// "DataProtection" section. The key ring signs and encrypts the session cookies: whoever reads it can forge any
/// user's session. ASP.NET Core stores it as plain XML on Linux, so every key is encrypted here with AES-256-GCM under
/// a key-encryption key the site supplies (like the note keys: from its secret store, never from a file in git).
/// </summary>
public sealed class KeyRingOptions
{
    public const string Section = "DataProtection";

    /// <summary>Base64 of 32 random bytes.</summary>
    [Required(ErrorMessage = "DataProtection:KeyEncryptionKey is required: base64 of 32 random bytes (encrypts the cookie key ring at rest)")]
    public string? KeyEncryptionKey { get; set; }

    /// <summary>Folder of the key ring (shared by every API instance of the site); default: ASP.NET Core's.</summary>
    public string? KeysPath { get; set; }

    public byte[] Key()
    {
        var key = Convert.FromBase64String(KeyEncryptionKey ?? "");
        return key.Length == 32 ? key : throw new InvalidOperationException("DataProtection:KeyEncryptionKey must be base64 of 32 bytes");
    }

    public static WebApplicationBuilder AddKeyRingProtection(WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<KeyRingOptions>().BindConfiguration(Section).ValidateDataAnnotations()
            .Validate(o => o.KeyEncryptionKey is null || IsKey(o.KeyEncryptionKey), "DataProtection:KeyEncryptionKey must be base64 of 32 bytes")
            .ValidateOnStart();
        var dataProtection = builder.Services.AddDataProtection().SetApplicationName("coding");
        var path = builder.Configuration[$"{Section}:{nameof(KeysPath)}"];
        if (!string.IsNullOrWhiteSpace(path))
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(path));
        builder.Services.AddSingleton<IConfigureOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>>(sp =>
            new ConfigureOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>(o =>
                o.XmlEncryptor = new AesGcmXmlEncryptor(sp.GetRequiredService<IOptions<KeyRingOptions>>())));
        return builder;
    }

    private static bool IsKey(string value)
    {
        var buffer = new byte[48];
        return Convert.TryFromBase64String(value, buffer, out var length) && length == 32;
    }
}

/// <summary>Encrypts one key element: nonce, tag and ciphertext of its XML, base64, in an element the decryptor reads.</summary>
public sealed class AesGcmXmlEncryptor(IOptions<KeyRingOptions> options) : IXmlEncryptor
{
    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var plaintext = System.Text.Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var nonce = RandomNumberGenerator.GetBytes(12);
        var tag = new byte[16];
        var ciphertext = new byte[plaintext.Length];
        using (var aes = new AesGcm(options.Value.Key(), tag.Length))
            aes.Encrypt(nonce, plaintext, ciphertext, tag);
        var element = new XElement("aesGcmEncrypted",
            new XElement("nonce", Convert.ToBase64String(nonce)),
            new XElement("tag", Convert.ToBase64String(tag)),
            new XElement("ciphertext", Convert.ToBase64String(ciphertext)));
        return new EncryptedXmlInfo(element, typeof(AesGcmXmlDecryptor));
    }
}

/// <summary>Created by the key manager through the service provider, hence the constructor it takes.</summary>
public sealed class AesGcmXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var nonce = Convert.FromBase64String((string)encryptedElement.Element("nonce")!);
        var tag = Convert.FromBase64String((string)encryptedElement.Element("tag")!);
        var ciphertext = Convert.FromBase64String((string)encryptedElement.Element("ciphertext")!);
        var plaintext = new byte[ciphertext.Length];
        using (var aes = new AesGcm(services.GetRequiredService<IOptions<KeyRingOptions>>().Value.Key(), tag.Length))
            aes.Decrypt(nonce, ciphertext, tag, plaintext);
        return XElement.Parse(System.Text.Encoding.UTF8.GetString(plaintext));
    }
}
