#include "provisioncommand.h"

int main(int argc, char **argv)
{
    return relais::provisioning::runProvisionCommandLine(argc, argv);
}
