// Private: the passes annotate() runs, in order, and the model they share.
#pragma once

#include "whosaid/annotate.hpp"
#include "whosaid/document.hpp"

namespace whosaid {

// Everything a Model holds. Grows as the trained passes land.
struct ModelData {
    uint32_t version = 0;
};

// Name mentions (kind Name) from the tokens; fills doc.mentions sorted by start.
void findEntities(Document& doc, const ModelData& model);

// Groups mentions into doc.entities with canonical names.
void groupEntities(Document& doc);

// Quotes and their attribution; fills doc.quotes sorted by start.
void findQuotes(Document& doc, const ModelData& model);

} // namespace whosaid
