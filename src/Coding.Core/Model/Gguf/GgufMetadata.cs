namespace Coding.Core.Model.Gguf;

/// <summary>GGUF value types as numbered by the GGUF spec (v3).</summary>
public enum GgufType : uint
{
    UInt8 = 0,
    Int8 = 1,
    UInt16 = 2,
    Int16 = 3,
    UInt32 = 4,
    Int32 = 5,
    Float32 = 6,
    Bool = 7,
    String = 8,
    Array = 9,
    UInt64 = 10,
    Int64 = 11,
    Float64 = 12,
}

/// <summary>
/// One metadata key/value. Scalars are boxed .NET values of the matching type; arrays are a .NET array of
/// <see cref="ElementType"/> (string[], int[], float[], …).
/// </summary>
public sealed record GgufKeyValue(string Key, GgufType Type, object Value, GgufType ElementType = GgufType.UInt8)
{
    public static GgufKeyValue Of(string key, string value) => new(key, GgufType.String, value);
    public static GgufKeyValue Of(string key, uint value) => new(key, GgufType.UInt32, value);
    public static GgufKeyValue Of(string key, float value) => new(key, GgufType.Float32, value);
}
