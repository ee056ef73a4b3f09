using Estuary;

// Names the module that the generator builds from this assembly's handlers: AppModule, in the
// project's root namespace. Without this line it is named after the assembly (Shop gives ShopModule).
[assembly: EstuaryModule("App")]
