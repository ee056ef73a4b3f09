using System;
using System.Collections.Generic;

namespace Estuary.SourceGeneration;

/// <summary>
/// The file of a generated class implementing a user's interface over one service it is given: the
/// header, the namespace, the class with its field and constructor, then each method.
/// </summary>
internal static class InterfaceImplementation
{
    /// <param name="module">The module whose namespace the class goes in.</param>
    /// <param name="implemented">The interface.</param>
    /// <param name="className">The generated class's name.</param>
    /// <param name="summary">What the class does, for its doc comment, around the interface's cref: before and after it.</param>
    /// <param name="service">The service's type (<c>global::</c>-qualified) and the field's name without its underscore.</param>
    /// <param name="methods">The methods, each written by <paramref name="emitMethod"/>, a blank line between.</param>
    /// <param name="emitMethod">Writes one method.</param>
    public static string Emit<TMethod>(
        ModuleInfo module,
        TypeRef implemented,
        string className,
        (string Before, string After) summary,
        (string Type, string Name) service,
        IEnumerable<TMethod> methods,
        Action<SourceWriter, TMethod> emitMethod)
    {
        var writer = new SourceWriter();
        writer.Line(Names.FileHeader);
        ModuleEmitter.OpenNamespace(writer, module.Namespace);
        writer.Line("/// <summary>" + summary.Before + "<see cref=\"" + implemented.FullName.Replace("global::", string.Empty) + "\"/>" + summary.After + "</summary>");
        writer.Line(Names.GeneratedCode);
        using (writer.Block("internal sealed class " + className + " : " + implemented.FullName))
        {
            writer.Line("private readonly " + service.Type + " _" + service.Name + ";");
            writer.Line();
            writer.Line("public " + className + "(" + service.Type + " " + service.Name + ") => this._" + service.Name + " = " + service.Name + ";");
            foreach (var method in methods)
            {
                writer.Line();
                emitMethod(writer, method);
            }
        }

        return writer.ToString();
    }
}
