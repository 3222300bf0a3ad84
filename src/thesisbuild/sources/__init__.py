"""Chapter files → cells that know their lines; the parsed-chapter cache."""
