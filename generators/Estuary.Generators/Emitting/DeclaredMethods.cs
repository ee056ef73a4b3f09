using System.Linq;

namespace Estuary.SourceGeneration;

/// <summary>Signatures of generated methods implementing a user's interface method as declared.</summary>
internal static class DeclaredMethods
{
    /// <summary><c>{modifiers}{return type} {name}({parameters})</c>, one parameter per line when the line would be long.</summary>
    public static Layout Signature(string modifiers, DeclaredMethodModel method) =>
        Layout.List(
            modifiers + method.ReturnType + " " + CSharpNames.Escape(method.Name) + "(",
            method.Parameters.Select(p => p.TypeName + " " + CSharpNames.Escape(p.Name)),
            ")");
}
