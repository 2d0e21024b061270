#include "hubcommand.h"

int main(int argc, char **argv)
{
    return relais::hub::runCommandLine(argc, argv);
}
