using System;

namespace Estuary.Cli;

/// <summary>A command cannot do what was asked; the message says why and what to do, and is all the operator sees.</summary>
internal sealed class CommandException(string message) : Exception(message);
