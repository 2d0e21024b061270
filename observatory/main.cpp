// SPDX-License-Identifier: EUPL-1.2
#include "observatorycommand.h"

int main(int argc, char **argv)
{
    return relais::observatory::runCommandLine(argc, argv);
}
