using System;

namespace Estuary;

/// <summary>
/// Chooses the name of the module Estuary generates for this assembly. Without it the module is
/// named after the assembly (<c>Shop.Orders</c> gives <c>OrdersModule</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false, Inherited = false)]
public sealed class EstuaryModuleAttribute : Attribute
{
    /// <summary>Names the assembly's module <paramref name="name"/> (a C# identifier, e.g. <c>Orders</c>).</summary>
    public EstuaryModuleAttribute(string name) => Name = name;

    /// <summary>The module's name; the generated class is <c>{Name}Module</c>.</summary>
    public string Name { get; }
}
