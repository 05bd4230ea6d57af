-- The registry stores its schemas in a database of its own, as in the embedded stack (apicurio_registry).
CREATE DATABASE apicurio_registry;
