using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Estuary.SourceGeneration;

/// <summary>
/// The one place constants become C# text: strings and chars escaped, every numeric type with its
/// suffix or cast and its special values (NaN, infinities, negative zero, minimum values), enums,
/// <c>typeof</c>, and arrays nested to any depth. Negative numbers are parenthesized so they stay
/// numbers after a cast.
/// </summary>
internal static class CSharpLiterals
{
    public static string String(string text) => SymbolDisplay.FormatLiteral(text, quote: true);

    /// <summary>An attribute argument as a C# expression of the argument's own type.</summary>
    public static string Constant(TypedConstant constant)
    {
        if (constant.Kind == TypedConstantKind.Array)
        {
            return constant.IsNull
                ? "null"
                : "new " + SymbolNames.FullNonNullable(constant.Type!) + " { " + string.Join(", ", constant.Values.Select(Constant)) + " }";
        }

        if (constant.IsNull)
        {
            return "null";
        }

        return constant.Kind switch
        {
            TypedConstantKind.Type => "typeof(" + SymbolNames.FullNonNullable((ITypeSymbol)constant.Value!) + ")",
            TypedConstantKind.Enum => "(" + SymbolNames.FullNonNullable(constant.Type!) + ")" + Parenthesized(Primitive(constant.Value!)),
            _ => Primitive(constant.Value!),
        };
    }

    /// <summary>A value of a built-in type, typed as that type (a <c>byte</c> stays a <c>byte</c> when boxed).</summary>
    public static string Primitive(object value) => value switch
    {
        string s => String(s),
        char c => SymbolDisplay.FormatLiteral(c, quote: true),
        bool b => b ? "true" : "false",
        byte n => "(byte)" + Integer(n),
        sbyte n => "(sbyte)" + Parenthesized(Integer(n)),
        short n => "(short)" + Parenthesized(Integer(n)),
        ushort n => "(ushort)" + Integer(n),
        int n => Integer(n),
        uint n => Integer(n) + "U",
        long n => Integer(n) + "L",
        ulong n => Integer(n) + "UL",
        float f => Single(f),
        double d => Double(d),
        decimal m => m.ToString(CultureInfo.InvariantCulture) + "m",
        _ => throw new System.ArgumentException("Not a C# constant: " + value.GetType().FullName, nameof(value)),
    };

    private static string Integer(System.IFormattable value) => value.ToString(null, CultureInfo.InvariantCulture);

    private static string Double(double value) =>
        double.IsNaN(value) ? "double.NaN"
        : double.IsPositiveInfinity(value) ? "double.PositiveInfinity"
        : double.IsNegativeInfinity(value) ? "double.NegativeInfinity"
        : Parenthesized(value.ToString("R", CultureInfo.InvariantCulture) + "d");

    private static string Single(float value) =>
        float.IsNaN(value) ? "float.NaN"
        : float.IsPositiveInfinity(value) ? "float.PositiveInfinity"
        : float.IsNegativeInfinity(value) ? "float.NegativeInfinity"
        : Parenthesized(value.ToString("R", CultureInfo.InvariantCulture) + "f");

    private static string Parenthesized(string number) => number.StartsWith("-", System.StringComparison.Ordinal) ? "(" + number + ")" : number;
}
